/// When a ``Region`` reads run delay (schedstat) and steal (/proc/stat) at ``Region/end()``.
///
/// Those reads only matter when the thread was off CPU during the region. The
/// adjusted wall time always lies in [thread CPU, wall] (``StealAdjustment``), so when
/// `wall − threadCPU` is at most `t`, reporting the wall time instead is wrong by at
/// most `t`, whatever run delay and steal were: the error bound needs no reading.
public enum WaitingReadPolicy: Sendable, Equatable {
    /// Read both at every end: every ``RegionMeasurement`` field is measured.
    case always
    /// Skip both when the thread was off CPU (`wall − threadCPU`) for at most this many ns;
    /// the measurement then has ``RegionSkippedReads/runDelayAndSteal`` set.
    case skippedWhenOffCPUAtMost(nanoseconds: Int64)

    /// Ten µs: about what the skipped reads would cost, so the error never exceeds the
    /// time saved by not reading.
    public static let defaultOffCPUThresholdNanoseconds: Int64 = 10_000

    /// The default: skip when off CPU for at most ``defaultOffCPUThresholdNanoseconds``.
    public static let `default` = WaitingReadPolicy.skippedWhenOffCPUAtMost(nanoseconds: defaultOffCPUThresholdNanoseconds)

    /// Whether a region that lasted `wall` ns with `threadCPU` ns of CPU time may skip the reads.
    @inlinable
    public func skipsReads(wall: Int64, threadCPU: Int64) -> Bool {
        switch self {
        case .always: return false
        case let .skippedWhenOffCPUAtMost(threshold): return wall &- threadCPU <= threshold
        }
    }
}
