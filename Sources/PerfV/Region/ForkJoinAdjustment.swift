/// The adjusted wall time of a fork-join region: the region's wall time with the
/// waiting imposed on its *critical* thread taken out.
///
///     critical = the thread with the largest runnable time (cpu + runDelay + steal)
///     adjusted = min(wall, max(max over threads of cpu,
///                              StealAdjustment(wall, critical.cpu, critical.runDelay, critical.steal)))
///
/// With a barrier at the end, the threads that finish early block at it, so the one
/// still runnable when the region ends is the one the region waited for; removing
/// its run delay and steal gives its own work, and the uncontended region takes at
/// least the longest thread's CPU time. docs/steal-adjustment.md ("Fork-join
/// regions") derives it and states its assumptions and limits.
public enum ForkJoinAdjustment {
    /// The adjusted wall time and the index of the critical thread in `threads`
    /// (`nil` and `wall` for an empty team). All times are deltas over the region, in ns.
    public static func adjustedWallNanoseconds(
        wall: Int64, threads: [TeamThreadMeasurement]
    ) -> (nanoseconds: Int64, criticalIndex: Int?) {
        guard let critical = threads.indices.max(by: {
            threads[$0].runnableNanoseconds < threads[$1].runnableNanoseconds
        }) else { return (wall, nil) }
        let longestCPU = threads.lazy.map(\.cpuNanoseconds).max() ?? 0
        let thread = threads[critical]
        let criticalAdjusted = StealAdjustment.adjustedWallNanoseconds(
            wall: wall, threadCPU: thread.cpuNanoseconds,
            runDelay: thread.runDelayNanoseconds, steal: thread.stealNanoseconds)
        return (min(wall, max(longestCPU, criticalAdjusted)), critical)
    }
}
