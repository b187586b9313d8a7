/// The adjusted wall time of a fork-join region: the region's wall time with the
/// waiting imposed on its *critical* thread taken out.
///
///     critical = among the busy threads (cpu ≥ half the longest thread's cpu),
///                the one with the largest runnable time (cpu + runDelay + steal)
///     adjusted = min(wall, max(max over threads of cpu,
///                              StealAdjustment(wall, critical.cpu, critical.runDelay, critical.steal)))
///
/// With a barrier at the end, the threads that finish early block at it, so the one
/// still runnable when the region ends is the one the region waited for; removing
/// its run delay and steal gives its own work. Only busy threads can be critical:
/// with balanced work every team thread runs about as long as the longest, while a
/// stray thread that woke and sat in a run queue is runnable long but did no work.
/// The uncontended region takes at
/// least the longest thread's CPU time. docs/steal-adjustment.md ("Fork-join
/// regions") derives it and states its assumptions and limits.
public enum ForkJoinAdjustment {
    /// The adjusted wall time and the index of the critical thread in `threads`
    /// (`nil` and `wall` for an empty team). All times are deltas over the region, in ns.
    public static func adjustedWallNanoseconds(
        wall: Int64, threads: [TeamThreadMeasurement]
    ) -> (nanoseconds: Int64, criticalIndex: Int?) {
        guard let longestCPU = threads.lazy.map(\.cpuNanoseconds).max() else { return (wall, nil) }
        let busy = threads.indices.lazy.filter { threads[$0].cpuNanoseconds >= longestCPU / 2 }
        guard let critical = busy.max(by: {
            threads[$0].runnableNanoseconds < threads[$1].runnableNanoseconds
        }) else { return (wall, nil) }
        let thread = threads[critical]
        let criticalAdjusted = StealAdjustment.adjustedWallNanoseconds(
            wall: wall, threadCPU: thread.cpuNanoseconds,
            runDelay: thread.runDelayNanoseconds, steal: thread.stealNanoseconds)
        return (min(wall, max(longestCPU, criticalAdjusted)), critical)
    }
}
