/// An event a component knows but cannot count on this machine, with the reason
/// (e.g. `perf::instructions` on a machine without a hardware PMU).
public struct UnavailableCounterEvent: Sendable, Equatable, Codable {
    public let event: CounterEvent
    public let reason: String

    public init(event: CounterEvent, reason: String) {
        self.event = event
        self.reason = reason
    }
}
