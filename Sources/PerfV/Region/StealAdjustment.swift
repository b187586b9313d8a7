/// PerfV's steal-adjusted wall time: wall time minus the waiting the code did not cause.
///
///     adjusted = min(wall, max(threadCPU, wall − runDelay − steal))
///
/// where, over the region, `runDelay` is the thread's schedstat run delay (runnable
/// but not running: another task had the CPU, or the vCPU was stolen while the
/// thread was queued) and `steal` is /proc/stat's steal on the CPUs the thread ran
/// on (the hypervisor ran something else while the thread was current, which the
/// guest's run delay cannot see). The clamp at thread CPU time bounds the double
/// count of steal that happened while the thread was queued (it is in both terms);
/// the clamp at wall keeps the result a wall time. docs/steal-adjustment.md derives
/// the formula and lists its limits.
public enum StealAdjustment {
    /// The adjusted wall time in ns; all arguments are deltas over the region, in ns.
    @inlinable
    public static func adjustedWallNanoseconds(
        wall: Int64, threadCPU: Int64, runDelay: Int64, steal: Int64
    ) -> Int64 {
        let waiting = runDelay &+ steal
        return min(wall, max(threadCPU, wall &- waiting))
    }

    /// The steal to report and adjust by: a delta no real steal can have is clamped
    /// into [0, wall], and the reason returned, so it is never reported as measured.
    @inlinable
    public static func clampedSteal(_ steal: Int64, wall: Int64) -> (nanoseconds: Int64, clamp: StealClamp?) {
        if steal < 0 { return (0, .wentBackwards) }
        if steal > max(wall, 0) { return (max(wall, 0), .exceededWall) }
        return (steal, nil)
    }
}
