/// What one ``TeamRegion`` measured: the wall time on the thread that timed it, every
/// thread of the process over the region, and the fork-join adjusted wall time.
public struct TeamRegionMeasurement: Sendable, Equatable {
    /// Elapsed CLOCK_MONOTONIC time between begin and end.
    public var wallNanoseconds: Int64
    /// Wall time with the critical thread's run delay and steal taken out
    /// (``ForkJoinAdjustment``).
    public var adjustedWallNanoseconds: Int64
    /// The process's threads alive at end (in /proc/self/task order); a thread that
    /// exited before end is not here.
    public var threads: [TeamThreadMeasurement]
    /// The thread the adjustment took as the critical path; `nil` when no thread was seen.
    public var criticalThreadID: Int32?

    public init(wallNanoseconds: Int64, adjustedWallNanoseconds: Int64,
                threads: [TeamThreadMeasurement], criticalThreadID: Int32?) {
        self.wallNanoseconds = wallNanoseconds
        self.adjustedWallNanoseconds = adjustedWallNanoseconds
        self.threads = threads
        self.criticalThreadID = criticalThreadID
    }
}
