/// What happened between two ``NodeSample``s: rates per second of wall time.
///
/// A counter that went backwards (a CPU taken offline and back, a cgroup made
/// anew) gives nil for that figure rather than a negative rate.
public struct NodeInterval: Sendable, Equatable, Codable {
    /// Wall time between the samples in seconds.
    public var seconds: Double
    /// Per CPU present in both samples.
    public var cpus: [CPUInterval]
    /// Steal over all listed CPUs, as a fraction of one CPU's wall time (2.0 = two CPUs fully stolen).
    public var stealTotalRatio: Double?
    /// Context switches per second on all CPUs.
    public var contextSwitchesPerSecond: Double?
    /// Run delay summed over the tasks seen in both samples, in seconds per second,
    /// when there is no per-CPU run-queue delay.
    public var taskRunDelayRatio: Double?
    /// Enforcement periods, and those in which the cgroup ran out of quota.
    public var cgroupPeriods: Int64?
    public var cgroupThrottledPeriods: Int64?
    /// Time the cgroup's run queues spent throttled, in seconds per second (summed over CPUs).
    public var cgroupThrottledRatio: Double?
    /// The clocksource at the end of the interval.
    public var clocksource: String?
    /// Set when the clocksource changed during the interval: the kernel gave up on
    /// the old one (often tsc marked unstable), and clock reads may now be syscalls.
    public var clocksourceWarning: String?

    /// One CPU's share of the interval.
    public struct CPUInterval: Sendable, Equatable, Codable {
        public var cpu: Int
        /// Stolen time as a fraction of the interval (0…1; /proc/stat ticks, so ±1/USER_HZ).
        public var stealRatio: Double?
        /// Tasks' waiting time on this CPU's run queue per second of wall time (may exceed 1 with several waiting).
        public var runQueueDelayRatio: Double?
    }

    /// The interval from `start` to `end`; throws when `end` is not later than `start`.
    public init(from start: NodeSample, to end: NodeSample) throws {
        let nanoseconds = end.monotonicNanoseconds - start.monotonicNanoseconds
        guard nanoseconds > 0 else {
            throw PerfVError.unavailable(feature: "an interval", reason: "the end sample is not later than the start (\(nanoseconds) ns)")
        }
        let seconds = Double(nanoseconds) / 1e9
        self.seconds = seconds

        let steal = Self.perCPUDelta(start.stealTicks, end.stealTicks)
        let delay = Self.perCPUDelta(start.runQueueDelayNanoseconds, end.runQueueDelayNanoseconds)
        let count = max(steal.count, delay.count)
        let ticks = Double(end.ticksPerSecond)
        cpus = (0..<count).compactMap { cpu in
            let stolen = cpu < steal.count ? steal[cpu] : nil
            let waited = cpu < delay.count ? delay[cpu] : nil
            guard stolen != nil || waited != nil else { return nil }
            return CPUInterval(cpu: cpu, stealRatio: stolen.map { Double($0) / ticks / seconds },
                               runQueueDelayRatio: waited.map { Double($0) / 1e9 / seconds })
        }
        let stolenRatios = cpus.compactMap(\.stealRatio)
        stealTotalRatio = stolenRatios.isEmpty ? nil : stolenRatios.reduce(0, +)
        contextSwitchesPerSecond = Self.delta(start.contextSwitches, end.contextSwitches).map { Double($0) / seconds }

        if let before = start.taskRunDelayNanoseconds, let after = end.taskRunDelayNanoseconds {
            let waited = after.reduce(Int64(0)) { sum, task in
                guard let earlier = before[task.key], task.value >= earlier else { return sum }
                return sum + (task.value - earlier)
            }
            taskRunDelayRatio = Double(waited) / 1e9 / seconds
        }

        if let before = start.throttling, let after = end.throttling, start.cgroupDirectory == end.cgroupDirectory {
            cgroupPeriods = Self.delta(before.periods, after.periods)
            cgroupThrottledPeriods = Self.delta(before.throttledPeriods, after.throttledPeriods)
            cgroupThrottledRatio = Self.delta(before.throttledNanoseconds, after.throttledNanoseconds).map { Double($0) / 1e9 / seconds }
        }

        clocksource = end.clocksource
        if let old = start.clocksource, let new = end.clocksource, old != new {
            clocksourceWarning = "the clocksource changed from \(old) to \(new): timings across this moment are not comparable"
                + (new == "tsc" ? "" : ", and clock reads may now be system calls")
        }
    }

    private static func delta(_ start: Int64?, _ end: Int64?) -> Int64? {
        guard let start, let end, end >= start else { return nil }
        return end - start
    }

    private static func perCPUDelta(_ start: [Int64?]?, _ end: [Int64?]?) -> [Int64?] {
        guard let start, let end else { return [] }
        return (0..<min(start.count, end.count)).map { delta(start[$0], end[$0]) }
    }
}
