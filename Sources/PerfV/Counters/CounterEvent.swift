/// One event a component offers, e.g. `perf::page-faults`.
///
/// Every value is a count accumulated since ``EventSet/start()``.
public struct CounterEvent: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The component's name, the part before `::`.
    public let component: String
    /// The event's name inside its component, the part after `::`.
    public let name: String
    /// What the event counts, in a sentence.
    public let summary: String
    public let unit: CounterUnit
    public let kind: CounterEventKind

    public init(component: String, name: String, summary: String, unit: CounterUnit, kind: CounterEventKind) {
        self.component = component
        self.name = name
        self.summary = summary
        self.unit = unit
        self.kind = kind
    }

    /// `component::name`, the form ``EventSet/init(events:)`` accepts.
    public var qualifiedName: String { "\(component)\(EventName.separator)\(name)" }

    public var description: String { qualifiedName }
}
