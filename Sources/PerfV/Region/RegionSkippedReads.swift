/// Readings a region did not take. A field fed by a skipped reading holds 0 and is
/// not a measurement; the adjusted wall time stays within the documented bound.
public struct RegionSkippedReads: OptionSet, Sendable, Hashable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// Run delay and steal were not read at end: the thread was off CPU for at most the
    /// region's ``WaitingReadPolicy`` threshold, so ``RegionMeasurement/runDelayNanoseconds``
    /// and ``RegionMeasurement/stealNanoseconds`` are 0 and the adjusted wall time is the
    /// wall time, at most `wall − threadCPU` above the formula's value.
    public static let runDelayAndSteal = RegionSkippedReads(rawValue: 1 << 0)
    /// CLOCK_PROCESS_CPUTIME_ID was not read (the region was not asked to measure it), so
    /// ``RegionMeasurement/processCPUNanoseconds`` is 0.
    public static let processCPUTime = RegionSkippedReads(rawValue: 1 << 1)
}
