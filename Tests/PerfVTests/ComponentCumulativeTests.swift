import Testing
@testable import PerfV

/// A source of running totals the test advances by hand, like a VMM's exit counters.
private final class ManualTotalsComponent: CumulativeCounterComponent, @unchecked Sendable {
    let name = "manual"
    let summary = "totals set by the test"
    let status = ComponentStatus.enabled
    let events = ["exits", "bytes", "ticks"].map {
        CounterEvent(component: "manual", name: $0, summary: "", unit: .events, kind: .virtual)
    }
    var totals: [Int64] = [1000, 2000, 3000]

    func readTotals(of indices: UnsafeBufferPointer<Int>, into values: UnsafeMutableBufferPointer<Int64>) throws {
        for (k, index) in indices.enumerated() { values[k] = totals[index] }
    }
}

@Suite("Counters: cumulative components")
struct ComponentCumulativeTests {
    @Test("one conforming type plus registration gives start/read/stop/reset semantics")
    func semantics() throws {
        let source = ManualTotalsComponent()
        let registry = ComponentRegistry([])
        try registry.register(source)
        let counters = try EventSet(events: ["manual::ticks", "exits"], components: registry)
        #expect(counters.eventNames == ["manual::ticks", "manual::exits"])

        try counters.start()
        #expect(try counters.read() == [0, 0])
        source.totals = [1005, 2000, 3070]
        #expect(try counters.read() == [70, 5], "growth since start, in the order named")

        try counters.stop()
        source.totals = [1100, 2000, 3100]
        #expect(try counters.read() == [70, 5], "frozen at the stop")
        try counters.reset()
        #expect(try counters.read() == [0, 0], "reset while stopped zeroes")

        try counters.start()
        source.totals = [1101, 2000, 3103]
        #expect(try counters.read() == [3, 1], "a new start takes a new baseline")
        try counters.reset()
        source.totals = [1111, 2000, 3104]
        #expect(try counters.read() == [1, 10], "reset while running takes a new baseline")
    }

    @Test("an unknown event of a cumulative component suggests its real names")
    func unknownEvent() throws {
        let registry = ComponentRegistry([ManualTotalsComponent()])
        #expect(throws: CounterError.unknownEvent(event: "manual::exit", component: "manual", suggestions: ["manual::exits"])) {
            _ = try EventSet(events: ["manual::exit"], components: registry)
        }
    }
}
