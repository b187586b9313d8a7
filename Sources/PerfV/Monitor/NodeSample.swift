/// One reading of the node's scheduling counters, all running totals since boot
/// (or since the cgroup was made): what ``NodeInterval`` subtracts to get a rate.
///
/// Each source that cannot be read leaves its field nil and says why in
/// `unavailable`, so a node without /proc/schedstat or a cpu cgroup still samples.
public struct NodeSample: Sendable, Equatable, Codable {
    /// CLOCK_MONOTONIC when the sample was taken, in ns.
    public var monotonicNanoseconds: Int64
    /// USER_HZ, the unit of `stealTicks`.
    public var ticksPerSecond: Int64
    /// Steal per CPU from /proc/stat in USER_HZ ticks, indexed by CPU; nil for a CPU without a line.
    public var stealTicks: [Int64?]?
    /// Context switches on all CPUs (/proc/stat ctxt).
    public var contextSwitches: Int64?
    /// Run-queue delay per CPU in ns (/proc/schedstat), indexed by CPU.
    public var runQueueDelayNanoseconds: [Int64?]?
    /// Run delay summed over every task, keyed by thread id: the fallback when the
    /// kernel has no /proc/schedstat. Kept in memory only (threads come and go, so
    /// only an interval's common threads make a delta).
    public var taskRunDelayNanoseconds: [Int32: Int64]?
    /// The CFS bandwidth counters of `cgroupDirectory`'s cpu.stat.
    public var throttling: CgroupCPUStat?
    /// The cgroup whose cpu.stat was read.
    public var cgroupDirectory: String?
    /// The kernel's current clocksource.
    public var clocksource: String?
    /// "<source>: <reason>" for each source that could not be read.
    public var unavailable: [String]

    public init(monotonicNanoseconds: Int64, ticksPerSecond: Int64, stealTicks: [Int64?]?, contextSwitches: Int64?,
                runQueueDelayNanoseconds: [Int64?]?, taskRunDelayNanoseconds: [Int32: Int64]?,
                throttling: CgroupCPUStat?, cgroupDirectory: String?, clocksource: String?, unavailable: [String]) {
        self.monotonicNanoseconds = monotonicNanoseconds
        self.ticksPerSecond = ticksPerSecond
        self.stealTicks = stealTicks
        self.contextSwitches = contextSwitches
        self.runQueueDelayNanoseconds = runQueueDelayNanoseconds
        self.taskRunDelayNanoseconds = taskRunDelayNanoseconds
        self.throttling = throttling
        self.cgroupDirectory = cgroupDirectory
        self.clocksource = clocksource
        self.unavailable = unavailable
    }

    enum CodingKeys: String, CodingKey {
        case monotonicNanoseconds, ticksPerSecond, stealTicks, contextSwitches, runQueueDelayNanoseconds
        case throttling, cgroupDirectory, clocksource, unavailable
    }
}
