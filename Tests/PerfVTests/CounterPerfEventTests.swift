import Testing
@testable import PerfV

/// The perf_event component against workloads whose effect is known.
/// Counters count the calling thread, and each test is synchronous, so a test's
/// event set sees only the test's own work.
@Suite("Counters: perf_event component")
struct CounterPerfEventTests {
    @Test("software events are offered, plain where kernel mode may be counted, else as :u", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
    func softwareEventsOffered() throws {
        let perf = CounterTestEnvironment.perf
        let names = Set(perf.events.map(\.name))
        #expect(names.isSuperset(of: ["task-clock", "cpu-clock"]))
        for name in ["page-faults", "minor-faults", "major-faults", "context-switches", "cpu-migrations"] {
            let offered = perf.countsKernelMode ? name : name + ":u"
            #expect(names.contains(offered), "perf::\(offered) missing")
        }
    }

    @Test("where perf_event_open is refused, the component is disabled with the paranoid level as reason",
          .enabled(if: !CounterTestEnvironment.perfEnabled))
    func disabledWhenRefused() throws {
        guard case let .disabled(reason) = CounterTestEnvironment.perf.status else {
            Issue.record("perf component unexpectedly enabled")
            return
        }
        #expect(reason.contains("perf_event_paranoid") || reason.contains("perf_event"), "\(reason)")
        #expect(throws: CounterError.self) { _ = try EventSet(events: ["perf::task-clock"]) }
    }

    @Test("page-faults grow by at least the number of fresh pages touched", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
    func pageFaults() throws {
        let counters = try EventSet(events: ["page-faults", "minor-faults", "major-faults"].map(CounterTestEnvironment.userVisible))
        try counters.start()
        let touched = try CounterTestWorkloads.touchFreshPages(2048)
        try counters.stop()
        let values = try counters.read()
        #expect(values[0] >= Int64(touched), "page-faults \(values[0]) for \(touched) pages")
        #expect(values[1] >= Int64(touched), "minor-faults \(values[1]) for \(touched) pages")
        #expect(values[0] == values[1] + values[2], "page-faults = minor + major")
    }

    @Test("task-clock grows by the thread's CPU time of a busy loop", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
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

    @Test("context-switches count sleeps", .enabled(if: CounterTestEnvironment.countsKernelMode, "kernel-mode counting is refused here"))
    func contextSwitches() throws {
        let counters = try EventSet(events: ["perf::context-switches", "perf::task-clock"])
        try counters.start()
        CounterTestWorkloads.sleepRepeatedly(50)
        try counters.stop()
        let values = try counters.read()
        #expect(values[0] >= 50, "context-switches \(values[0]) for 50 sleeps")
        #expect(values[1] > 0)
    }

    @Test("a hardware event counts when a PMU exists, otherwise its error names the missing PMU", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
    func hardwareEvent() throws {
        let perf = CounterTestEnvironment.perf
        if perf.events.contains(where: { $0.name == "instructions" }) {
            let counters = try EventSet(events: ["perf::instructions"], components: ComponentRegistry([perf]))
            try counters.start()
            CounterTestWorkloads.spin(nanoseconds: 1_000_000)
            try counters.stop()
            #expect(try counters.read()[0] > 0)
            return
        }
        let unavailable = try #require(perf.unavailableEvents.first { $0.event.name == "instructions" })
        #expect(unavailable.reason.contains("PMU"))
        let error = #expect(throws: CounterError.self) {
            _ = try EventSet(events: ["perf::instructions"], components: ComponentRegistry([perf]))
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
            _ = try EventSet(events: ["instructions"], components: ComponentRegistry([perf]))
        }
    }

    @Test(":u counts user mode only; plain names also count kernel mode (where context switches happen)", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
    func userModeOnly() throws {
        let perf = CounterTestEnvironment.perf
        let registry = ComponentRegistry([perf])
        let user = try EventSet(events: ["context-switches:u", "perf::page-faults:u"], components: registry)
        #expect(user.eventNames == ["perf::context-switches:u", "perf::page-faults:u"])
        try user.start()
        CounterTestWorkloads.sleepRepeatedly(20)
        let touched = try CounterTestWorkloads.touchFreshPages(256)
        try user.stop()
        let userValues = try user.read()
        #expect(userValues[0] == 0, "a context switch happens in the kernel, so user mode sees none")
        #expect(userValues[1] >= Int64(touched), "the pages were touched from user mode")

        guard perf.countsKernelMode else {
            let error = #expect(throws: CounterError.self) {
                _ = try EventSet(events: ["perf::context-switches"], components: registry)
            }
            guard case let .permissionDenied(event, reason)? = error else {
                Issue.record("expected permissionDenied, got \(String(describing: error))")
                return
            }
            #expect(event == "perf::context-switches")
            #expect(reason.contains("perf_event_paranoid") && reason.contains("perf::context-switches:u"))
            return
        }
        let both = try EventSet(events: ["perf::context-switches"], components: registry)
        try both.start()
        CounterTestWorkloads.sleepRepeatedly(20)
        try both.stop()
        #expect(try both.read()[0] >= 20)
    }

    @Test("an EACCES explanation names the paranoid level and what would help")
    func paranoiaExplanation() {
        let strict = PerfEventParanoia(level: 3).explanation(userModeAlternative: nil)
        #expect(strict.contains("perf_event_paranoid = 3") && strict.contains("CAP_PERFMON"))
        let userOnly = PerfEventParanoia(level: 2).explanation(userModeAlternative: "perf::page-faults:u")
        #expect(userOnly.contains("perf_event_paranoid = 2") && userOnly.contains("only user-mode counting"))
        #expect(userOnly.contains("perf::page-faults:u"))
        let unknown = PerfEventParanoia(level: nil).explanation(userModeAlternative: nil)
        #expect(unknown.contains("unreadable"))
    }
}
