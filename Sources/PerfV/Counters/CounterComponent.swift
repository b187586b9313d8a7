/// A source of counters, like one entry of PAPI's component vector.
///
/// Adding a source to PerfV: a source of running totals conforms to
/// ``CumulativeCounterComponent`` (one type: it only reads its totals) and is
/// registered with ``ComponentRegistry/register(_:)``. A source that needs its own
/// per-event-set state (perf_event's fds, PAPI's event set) conforms to this
/// protocol and returns its own ``ComponentEventSet`` from ``makeEventSet()``.
public protocol CounterComponent: AnyObject, Sendable {
    /// The prefix of the component's event names, e.g. `perf` in `perf::page-faults`.
    var name: String { get }
    /// What the component counts, in a sentence.
    var summary: String { get }
    /// Whether the component can count here, and if not, why.
    var status: ComponentStatus { get }
    /// The events that can be counted here; empty when the component is disabled.
    var events: [CounterEvent] { get }
    /// Events the component knows but cannot count here, each with its reason.
    var unavailableEvents: [UnavailableCounterEvent] { get }
    /// The devices the events are about (network interfaces, InfiniBand ports), named as
    /// in the events (`net::<device>:<counter>`); empty for a component without devices.
    var devices: [String] { get }
    /// Whether an unqualified event name belongs to this component even though it
    /// is not in ``events`` (PAPI's `PAPI_` preset names), so a lookup can report
    /// the component's disabled reason instead of "unknown event".
    func claims(unqualifiedName: String) -> Bool
    /// Creates the per-event-set state for this component (PAPI's control state);
    /// events are added to it one at a time.
    func makeEventSet() throws -> any ComponentEventSet
}

extension CounterComponent {
    public var unavailableEvents: [UnavailableCounterEvent] { [] }
    public var devices: [String] { [] }
    public func claims(unqualifiedName: String) -> Bool { false }
}
