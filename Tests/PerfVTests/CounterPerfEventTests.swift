import Testing
@testable import PerfV

/// The perf_event component against workloads whose effect is known.
/// Counters count the calling thread, and each test is synchronous, so a test's
/// event set sees only the test's own work.
@Suite("Counters: perf_event component")
struct CounterPerfEventTests {
    @Test("software events are offered and the component is enabled")
    func softwareEventsOffered() throws {
        let perf = PerfEventComponent()
        #expect(perf.status == .enabled)
        let names = Set(perf.events.map(\.name))
        for name in ["task-clock", "cpu-clock", "page-faults", "minor-faults", "major-faults",
                     "context-switches", "cpu-migrations"] {
            #expect(names.contains(name), "perf::\(name) missing")
        }
    }

    @Test("page-faults grow by at least the number of fresh pages touched")
    func pageFaults() throws {
        let counters = try EventSet(events: ["perf::page-faults", "perf::minor-faults", "perf::major-faults"])
        try counters.start()
        let touched = try CounterTestWorkloads.touchFreshPages(2048)
        try counters.stop()
        let values = try counters.read()
        #expect(values[0] >= Int64(touched), "page-faults \(values[0]) for \(touched) pages")
        #expect(values[1] >= Int64(touched), "minor-faults \(values[1]) for \(touched) pages")
        #expect(values[0] == values[1] + values[2], "page-faults = minor + major")
    }

    @Test("task-clock grows by the thread's CPU time of a busy loop")
    func taskClock() throws {
        let counters = try EventSet(events: ["perf::task-clock"])
        try counters.start()
        let before = CounterTestWorkloads.threadCPUTimeNanoseconds()
        CounterTestWorkloads.spin(nanoseconds: 50_000_000)
        let cpuTime = CounterTestWorkloads.threadCPUTimeNanoseconds() - before
        try counters.stop()
        let taskClock = try counters.read()[0]
        // Both clocks measure the same thread's on-CPU time; the counter also sees the
        // few µs of the start/stop calls around the loop.
        let tolerance = cpuTime / 10 + 2_000_000
        #expect(abs(taskClock - cpuTime) <= tolerance, "task-clock \(taskClock) ns, thread CPU time \(cpuTime) ns")
    }

    @Test("context-switches count sleeps")
    func contextSwitches() throws {
        let counters = try EventSet(events: ["perf::context-switches", "perf::task-clock"])
        try counters.start()
        CounterTestWorkloads.sleepRepeatedly(50)
        try counters.stop()
        let values = try counters.read()
        #expect(values[0] >= 50, "context-switches \(values[0]) for 50 sleeps")
        #expect(values[1] > 0)
    }

    @Test("a hardware event counts when a PMU exists, otherwise its error names the missing PMU")
    func hardwareEvent() throws {
        let perf = PerfEventComponent()
        if perf.events.contains(where: { $0.name == "instructions" }) {
            let counters = try EventSet(events: ["perf::instructions"], components: Components([perf]))
            try counters.start()
            CounterTestWorkloads.spin(nanoseconds: 1_000_000)
            try counters.stop()
            #expect(try counters.read()[0] > 0)
            return
        }
        let unavailable = try #require(perf.unavailableEvents.first { $0.event.name == "instructions" })
        #expect(unavailable.reason.contains("PMU"))
        let error = #expect(throws: CounterError.self) {
            _ = try EventSet(events: ["perf::instructions"], components: Components([perf]))
        }
        guard case let .eventUnavailable(event, reason) = error else {
            Issue.record("expected eventUnavailable, got \(String(describing: error))")
            return
        }
        #expect(event == "perf::instructions")
        #expect(reason.contains("no hardware PMU"), "\(reason)")
        #expect(error?.description.contains("perf::instructions cannot be counted here") == true)
        // The unqualified name gives the same reason rather than "unknown event".
        #expect(throws: CounterError.eventUnavailable(event: "perf::instructions", reason: reason)) {
            _ = try EventSet(events: ["instructions"], components: Components([perf]))
        }
    }
}
