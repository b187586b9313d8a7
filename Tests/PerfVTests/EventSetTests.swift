#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import PerfV

@Suite("Counters: EventSet")
struct EventSetTests {
    @Test("unqualified names resolve to their component; eventNames are qualified", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
    func nameResolution() throws {
        let pageFaults = CounterTestEnvironment.userVisible("page-faults")
        let counters = try EventSet(events: [String(pageFaults.dropFirst("perf::".count)), "perf::task-clock"])
        #expect(counters.eventNames == [pageFaults, "perf::task-clock"])
        #expect(counters.events.map(\.unit) == [.events, .nanoseconds])
    }

    @Test("unknown, malformed and duplicate names are typed errors naming the event", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
    func badNames() throws {
        #expect(throws: CounterError.noEvents) { _ = try EventSet(events: []) }
        #expect(throws: CounterError.malformedEventName("::page-faults")) { _ = try EventSet(events: ["::page-faults"]) }
        #expect(throws: CounterError.malformedEventName("perf::")) { _ = try EventSet(events: ["perf::"]) }
        #expect(throws: CounterError.duplicateEvent("perf::task-clock")) {
            _ = try EventSet(events: ["task-clock", "perf::task-clock"])
        }

        let misspelt = #expect(throws: CounterError.self) { _ = try EventSet(events: ["perf::page-fault"]) }
        guard case let .unknownEvent(event, component, suggestions) = misspelt else {
            Issue.record("expected unknownEvent, got \(String(describing: misspelt))")
            return
        }
        #expect(event == "perf::page-fault")
        #expect(component == "perf")
        #expect(suggestions.first == "perf::page-faults")

        let unqualified = #expect(throws: CounterError.self) { _ = try EventSet(events: ["contex-switches"]) }
        guard case let .unknownEvent(_, nil, close) = unqualified else {
            Issue.record("expected unknownEvent, got \(String(describing: unqualified))")
            return
        }
        #expect(close.contains("perf::context-switches"))

        let noComponent = #expect(throws: CounterError.self) { _ = try EventSet(events: ["nosuch::cycles"]) }
        guard case let .unknownComponent(_, known) = noComponent else {
            Issue.record("expected unknownComponent, got \(String(describing: noComponent))")
            return
        }
        #expect(known.contains("perf"))
    }

    @Test("start, stop, read and reset follow PAPI's semantics", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
    func lifecycle() throws {
        let counters = try EventSet(events: [CounterTestEnvironment.userVisible("page-faults"), "perf::task-clock"])
        #expect(throws: CounterError.notStarted) { _ = try counters.read() }
        #expect(throws: CounterError.notRunning) { try counters.stop() }

        try counters.start()
        #expect(throws: CounterError.alreadyRunning) { try counters.start() }
        _ = try CounterTestWorkloads.touchFreshPages(64)
        let running = try counters.read()
        #expect(running[0] >= 64)
        _ = try CounterTestWorkloads.touchFreshPages(64)
        let later = try counters.read()
        #expect(later[0] >= running[0] + 64, "counts keep growing while running")
        try counters.stop()

        // Stopped: the counts are frozen, whatever the thread does.
        let stopped = try counters.read()
        _ = try CounterTestWorkloads.touchFreshPages(64)
        CounterTestWorkloads.spin(nanoseconds: 2_000_000)
        #expect(try counters.read() == stopped)

        // Reset while stopped zeroes and stays at zero.
        try counters.reset()
        #expect(try counters.read() == [0, 0])

        // Start counts from zero again; reset while running restarts from zero.
        try counters.start()
        _ = try CounterTestWorkloads.touchFreshPages(128)
        let beforeReset = try counters.read()
        #expect(beforeReset[0] >= 128)
        try counters.reset()
        let afterReset = try counters.read()
        #expect(afterReset[0] < 128, "after reset page-faults \(afterReset[0])")
        try counters.stop()

        var tooSmall = [Int64](repeating: 0, count: 1)
        #expect(throws: CounterError.bufferTooSmall(needed: 2, given: 1)) {
            try tooSmall.withUnsafeMutableBufferPointer { try counters.read(into: $0) }
        }
    }

    @Test("read(into:) fills a caller's buffer in eventNames order", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
    func readIntoBuffer() throws {
        let pageFaults = CounterTestEnvironment.userVisible("page-faults")
        let counters = try EventSet(events: ["perf::task-clock", pageFaults])
        try counters.start()
        _ = try CounterTestWorkloads.touchFreshPages(32)
        try counters.stop()
        var values = [Int64](repeating: -1, count: 3)
        try values.withUnsafeMutableBufferPointer { try counters.read(into: $0) }
        #expect(values[0] > 0)
        #expect(values[1] >= 32)
        #expect(values[2] == -1, "a larger buffer keeps its extra slots")
        #expect(try counters.readByName()[pageFaults] == values[1])
    }

    @Test("closing 1000 event sets releases their file descriptors", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
    func noDescriptorLeak() throws {
        let before = CounterTestWorkloads.openCounterDescriptors()
        for _ in 0..<1000 {
            let counters = try EventSet(events: [
                "perf::task-clock", "perf::cpu-clock", CounterTestEnvironment.userVisible("page-faults"),
                "steal::run_delay_ns", "steal::system_ns",
            ])
            try counters.start()
            _ = try counters.read()
        }
        let after = CounterTestWorkloads.openCounterDescriptors()
        // Each set holds 3 perf_event fds, /proc/stat and a schedstat: a leak would
        // leave 5000 more. Other suites may hold a few at the moment of either count.
        #expect(after - before < 50, "counter fds before \(before), after \(after)")
    }
}
