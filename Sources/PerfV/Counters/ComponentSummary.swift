/// A component as `perfv-report info` shows it: a plain, encodable snapshot.
public struct ComponentSummary: Sendable, Equatable, Codable {
    public var name: String
    public var summary: String
    public var enabled: Bool
    /// Why the component is disabled; nil when it is enabled.
    public var disabledReason: String?
    public var events: [CounterEvent]
    public var unavailableEvents: [UnavailableCounterEvent]
    /// The devices the events are about (network interfaces, InfiniBand ports); nil when none.
    public var devices: [String]?

    public init(_ component: any CounterComponent) {
        name = component.name
        summary = component.summary
        enabled = component.status.isEnabled
        if case let .disabled(reason) = component.status {
            disabledReason = reason
        } else {
            disabledReason = nil
        }
        events = component.events
        unavailableEvents = component.unavailableEvents
        devices = component.devices.isEmpty ? nil : component.devices
    }
}
