/// What one thread of a ``TeamRegion`` did over the region; times are deltas in ns.
public struct TeamThreadMeasurement: Sendable, Equatable {
    /// The Linux thread id.
    public var threadID: Int32
    /// Time the thread ran (schedstat on-CPU time; excludes steal with paravirtual time accounting).
    public var cpuNanoseconds: Int64
    /// Time the thread was runnable but not running (schedstat run delay; includes throttling).
    public var runDelayNanoseconds: Int64
    /// /proc/stat steal on the CPUs the thread was seen on at begin and end, within [0, wall].
    public var stealNanoseconds: Int64
    /// Whether the thread started during the region, so its counts start from 0.
    public var startedInRegion: Bool

    public init(threadID: Int32, cpuNanoseconds: Int64, runDelayNanoseconds: Int64,
                stealNanoseconds: Int64, startedInRegion: Bool = false) {
        self.threadID = threadID
        self.cpuNanoseconds = cpuNanoseconds
        self.runDelayNanoseconds = runDelayNanoseconds
        self.stealNanoseconds = stealNanoseconds
        self.startedInRegion = startedInRegion
    }

    /// Time the thread wanted a CPU: it ran, waited in a run queue, or was stolen while current.
    public var runnableNanoseconds: Int64 {
        cpuNanoseconds &+ runDelayNanoseconds &+ stealNanoseconds
    }
}
