import CPUContention
import Testing
@testable import PerfV

/// `throttle::` on this machine: a pinned thread alone in a child cgroup does
/// ~300 ms of CPU work, first without a quota (the noise: what other load delays it)
/// and then with 50% of a CPU. Throttled, the work waits about as long as it runs,
/// and throttle::throttled_ns must account for that wait.
@Suite("Counters: throttle component in a child cgroup", .serialized)
struct ComponentThrottleLiveTests {
    static let cpuWork: Int64 = 300_000_000

    /// One run's deltas, in ns (and periods).
    struct Run {
        var wall: Int64 = 0, threadCPU: Int64 = 0, runDelay: Int64 = 0
        var throttled: Int64 = 0, throttledPeriods: Int64 = 0, periods: Int64 = 0
        var waited: Int64 { wall - threadCPU }
    }

    /// Runs CPU-bound work until the thread has had `cpuWork` ns of CPU.
    static func measure(_ counters: EventSet, _ reader: StealReader) throws -> Run {
        var run = Run()
        try counters.start()
        let wall = Clock.monotonic.nanoseconds(), cpu = Clock.threadCPUTime.nanoseconds()
        let delay = try reader.readRunDelayNanoseconds()
        while Clock.threadCPUTime.nanoseconds() - cpu < cpuWork { _ = CPUBoundWork.run(iterations: 1_000_000) }
        run.wall = Clock.monotonic.nanoseconds() - wall
        run.threadCPU = Clock.threadCPUTime.nanoseconds() - cpu
        run.runDelay = try reader.readRunDelayNanoseconds() - delay
        try counters.stop()
        let values = try counters.read()
        (run.throttled, run.throttledPeriods, run.periods) = (values[0], values[1], values[2])
        return run
    }

    @Test("a 50% quota: throttled_ns ≈ wall − thread CPU within the unthrottled run's noise, and within run delay")
    func halfQuota() throws {
        let cgroup = try ChildCPUCgroup()
        defer { cgroup.remove() }
        let component = ThrottleComponent(controller: cgroup.group)
        try #require(component.status == .enabled, "\(component.status)")
        let (alone, throttled) = try PinnedThread.run(on: 0) { () throws -> (Run, Run) in
            let counters = try EventSet(events: ["throttle::throttled_ns", "throttle::nr_throttled", "throttle::nr_periods"],
                                        components: ComponentRegistry([component]))
            let reader = try StealReader()
            try cgroup.join()
            defer { try? cgroup.leave() }
            let alone = try Self.measure(counters, reader)
            try cgroup.limit(quota: 50_000, period: 100_000)
            return (alone, try Self.measure(counters, reader))
        }
        print("throttle:: alone \(alone); 50% quota \(throttled)")
        #expect(alone.throttled == 0 && alone.throttledPeriods == 0, "no quota, no throttling: \(alone)")
        // 300 ms of CPU at 50 ms per 100 ms period: about 6 periods, 5 of them throttled.
        #expect(throttled.throttledPeriods >= 3 && throttled.periods >= throttled.throttledPeriods)
        #expect(throttled.waited >= Self.cpuWork / 2, "the quota must make the work wait: \(throttled.waited) ns")
        // Other load delays the unthrottled run by `alone.waited`; the throttled run is
        // about twice as long, so allow twice that. And each throttled span ends before the
        // thread runs again: unthrottling reschedules a busy CPU only at its next tick, so
        // up to one tick per throttled period waits outside throttled_ns (measured here,
        // CONFIG_HZ=250: 0.3–4.2 ms per period); 10 ms covers HZ=100.
        let tolerance = 2 * alone.waited * throttled.wall / max(alone.wall, 1) + throttled.throttledPeriods * 10_000_000
        #expect(abs(throttled.waited - throttled.throttled) <= tolerance,
                "throttled \(throttled.throttled) ns vs wall − thread CPU \(throttled.waited) ns, tolerance \(tolerance) ns")
        // The thread reads only while it runs, so every throttled span is complete and
        // inside its run delay (measured: run delay includes throttled time).
        #expect(throttled.throttled <= throttled.runDelay + 1_000_000,
                "throttled \(throttled.throttled) ns, run delay \(throttled.runDelay) ns")
    }
}
