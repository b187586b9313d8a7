import Foundation
import Testing
@testable import PerfV

/// A component with fixed values, to test the registry and the value order.
private final class FixedValueComponent: CounterComponent {
    let name: String
    let summary = "fixed values for tests"
    let status: ComponentStatus
    let values: [String: Int64]
    var events: [CounterEvent] {
        status.isEnabled
            ? values.keys.sorted().map { CounterEvent(component: name, name: $0, summary: "", unit: .events, kind: .virtual) }
            : []
    }

    init(name: String, status: ComponentStatus = .enabled, values: [String: Int64]) {
        self.name = name
        self.status = status
        self.values = values
    }

    func makeEventSet() throws -> any ComponentEventSet { FixedValueEventSet(component: self) }
}

private final class FixedValueEventSet: ComponentEventSet {
    let component: FixedValueComponent
    var added: [Int64] = []
    var running = false
    var count: Int { added.count }

    init(component: FixedValueComponent) { self.component = component }

    func add(event: String) throws -> CounterEvent {
        guard let value = component.values[event] else {
            throw CounterError.unknownEvent(event: event, component: component.name, suggestions: [])
        }
        added.append(value)
        return CounterEvent(component: component.name, name: event, summary: "", unit: .events, kind: .virtual)
    }
    func start() throws { running = true }
    func read(into values: UnsafeMutableBufferPointer<Int64>) throws {
        for (index, value) in added.enumerated() { values[index] = value }
    }
    func stop() throws { running = false }
    func reset() throws {}
}

@Suite("Counters: component registry")
struct ComponentRegistryTests {
    @Test("the shared registry lists perf, papi and steal with a status each")
    func sharedRegistry() {
        let names = ComponentRegistry.shared.all.map(\.name)
        #expect(names.starts(with: ["perf", "papi", "steal"]))
        for component in ComponentRegistry.shared.all {
            if case let .disabled(reason) = component.status {
                #expect(!reason.isEmpty, "\(component.name) is disabled without a reason")
            }
        }
    }

    @Test("summaries carry every component's status and round-trip through JSON")
    func summaries() throws {
        let summaries = ComponentRegistry.shared.summaries
        #expect(summaries.map(\.name) == ComponentRegistry.shared.all.map(\.name))
        for summary in summaries {
            #expect(summary.enabled == (summary.disabledReason == nil), "\(summary.name)")
            #expect(summary.enabled || summary.events.isEmpty, "\(summary.name) is disabled but lists events")
        }
        let perf = try #require(summaries.first { $0.name == "perf" })
        #expect(perf.events.contains { $0.name == "task-clock" && $0.unit == .nanoseconds && $0.kind == .software })
        let decoded = try JSONDecoder().decode([ComponentSummary].self, from: JSONEncoder().encode(summaries))
        #expect(decoded == summaries)
    }

    @Test("values from several components come back in the order the events were named", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
    func valueOrderAcrossComponents() throws {
        let fixed = FixedValueComponent(name: "fixed", values: ["a": 111, "b": 222])
        let registry = ComponentRegistry([PerfEventComponent(), fixed])
        let pageFaults = CounterTestEnvironment.userVisible("page-faults")
        let counters = try EventSet(events: ["fixed::b", pageFaults, "a"], components: registry)
        #expect(counters.eventNames == ["fixed::b", pageFaults, "fixed::a"])
        try counters.start()
        _ = try CounterTestWorkloads.touchFreshPages(16)
        try counters.stop()
        let values = try counters.read()
        #expect(values[0] == 222)
        #expect(values[1] >= 16)
        #expect(values[2] == 111)
    }

    @Test("registering a component makes its events available; a name is registered once")
    func registration() throws {
        let registry = ComponentRegistry([PerfEventComponent()])
        #expect(throws: CounterError.self) { _ = try EventSet(events: ["later::x"], components: registry) }
        try registry.register(FixedValueComponent(name: "later", values: ["x": 7]))
        let counters = try EventSet(events: ["later::x"], components: registry)
        try counters.start()
        #expect(try counters.read() == [7])
        #expect(throws: CounterError.duplicateComponent("later")) {
            try registry.register(FixedValueComponent(name: "later", values: [:]))
        }
    }

    @Test("an event of a disabled component is a typed error carrying the component's reason")
    func disabledComponent() throws {
        let off = FixedValueComponent(name: "off", status: .disabled(reason: "no such device here"), values: ["x": 1])
        let registry = ComponentRegistry([PerfEventComponent(), off])
        #expect(throws: CounterError.componentDisabled(event: "off::x", component: "off", reason: "no such device here")) {
            _ = try EventSet(events: ["off::x"], components: registry)
        }
    }

    @Test("an unqualified name offered by two components is ambiguous")
    func ambiguousName() throws {
        let registry = ComponentRegistry([
            FixedValueComponent(name: "one", values: ["x": 1]), FixedValueComponent(name: "two", values: ["x": 2]),
        ])
        #expect(throws: CounterError.ambiguousEvent(event: "x", candidates: ["one::x", "two::x"])) {
            _ = try EventSet(events: ["x"], components: registry)
        }
        #expect(try EventSet(events: ["two::x"], components: registry).eventNames == ["two::x"])
    }
}
