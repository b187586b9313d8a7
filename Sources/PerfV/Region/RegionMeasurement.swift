/// What one region measured; every time is a delta over the region in nanoseconds.
///
/// ``adjustedWallNanoseconds`` is the wall time with the waiting the code did not
/// cause taken out (see ``StealAdjustment`` and docs/steal-adjustment.md); the raw
/// parts it is made of stay available next to it.
public struct RegionMeasurement: Sendable, Equatable {
    /// Elapsed CLOCK_MONOTONIC time.
    public var wallNanoseconds: Int64
    /// CPU time of the measuring thread (CLOCK_THREAD_CPUTIME_ID).
    public var threadCPUNanoseconds: Int64
    /// CPU time of all threads of the process (CLOCK_PROCESS_CPUTIME_ID); 0 and not
    /// measured when ``skippedReads`` contains ``RegionSkippedReads/processCPUTime``.
    public var processCPUNanoseconds: Int64
    /// Time the thread was runnable but not running (schedstat run delay); 0 and not
    /// measured when ``skippedReads`` contains ``RegionSkippedReads/runDelayAndSteal``.
    public var runDelayNanoseconds: Int64
    /// /proc/stat steal summed over the CPUs the thread was seen on (USER_HZ-grained,
    /// from samples at most a millisecond old at begin and at end), within [0, wall]
    /// (``StealAdjustment/clampedSteal(_:wall:)``); 0 and not measured when
    /// ``skippedReads`` contains ``RegionSkippedReads/runDelayAndSteal``.
    public var stealNanoseconds: Int64
    /// Set when the measured steal was impossible and ``stealNanoseconds`` is clamped.
    public var stealClamp: StealClamp?
    /// CPU the thread ran on at ``Region/begin()`` (sched_getcpu).
    public var cpuAtBegin: Int32
    /// CPU the thread ran on at ``Region/end()`` (sched_getcpu).
    public var cpuAtEnd: Int32
    /// Wall time minus run delay and steal, clamped to [thread CPU, wall]. When run delay
    /// and steal were skipped it is the wall time, at most `wall − threadCPU` (≤ the
    /// region's ``WaitingReadPolicy`` threshold) above the formula's value.
    public var adjustedWallNanoseconds: Int64
    /// The readings this region did not take; empty when every field is measured.
    public var skippedReads: RegionSkippedReads
    /// The region's counter names (`component::event`), in value order; empty without an event set.
    public var counterNames: [String]
    /// The counts over the region, in ``counterNames`` order.
    public var counterValues: [Int64]

    public init(
        wallNanoseconds: Int64, threadCPUNanoseconds: Int64, processCPUNanoseconds: Int64,
        runDelayNanoseconds: Int64, stealNanoseconds: Int64, cpuAtBegin: Int32, cpuAtEnd: Int32,
        adjustedWallNanoseconds: Int64, counterNames: [String] = [], counterValues: [Int64] = [],
        stealClamp: StealClamp? = nil, skippedReads: RegionSkippedReads = []
    ) {
        self.wallNanoseconds = wallNanoseconds
        self.threadCPUNanoseconds = threadCPUNanoseconds
        self.processCPUNanoseconds = processCPUNanoseconds
        self.runDelayNanoseconds = runDelayNanoseconds
        self.stealNanoseconds = stealNanoseconds
        self.stealClamp = stealClamp
        self.cpuAtBegin = cpuAtBegin
        self.cpuAtEnd = cpuAtEnd
        self.adjustedWallNanoseconds = adjustedWallNanoseconds
        self.skippedReads = skippedReads
        self.counterNames = counterNames
        self.counterValues = counterValues
    }

    /// The count of counter `name` over the region, or `nil` when the region did not count it.
    public subscript(counter name: String) -> Int64? {
        counterNames.firstIndex(of: name).map { counterValues[$0] }
    }
}

