import PerfV

/// The guest's measured region as the host reads it: the guest reports raw kvmclock
/// wall and kvm_steal_time deltas, and the host takes steal out with PerfV's
/// `StealAdjustment` (one formula, one clamp for host and guest runs alike).
public struct GuestRegionTiming: Sendable, Equatable {
    /// kvmclock nanoseconds over the region (PERFV_RESULT_WALL_NS).
    public var wallNanoseconds: Int64
    /// Steal over the region, clamped into [0, wall] by `StealAdjustment.clampedSteal`.
    public var stealNanoseconds: Int64
    /// Why the reported steal was clamped; nil when it was used as measured.
    public var stealClamp: StealClamp?
    /// Wall minus steal by `StealAdjustment.adjustedWallNanoseconds`. The guest has no
    /// separate run delay or thread CPU time: kvm_steal_time already is the vCPU's wait.
    public var adjustedNanoseconds: Int64

    /// Adjusts the guest's raw `wall` and `steal` deltas (ns).
    public init(wall: UInt64, steal: UInt64) {
        let wall = Int64(clamping: wall)
        let steal = StealAdjustment.clampedSteal(Int64(clamping: steal), wall: wall)
        wallNanoseconds = wall
        stealNanoseconds = steal.nanoseconds
        stealClamp = steal.clamp
        adjustedNanoseconds = StealAdjustment.adjustedWallNanoseconds(
            wall: wall, threadCPU: 0, runDelay: 0, steal: steal.nanoseconds)
    }
}
