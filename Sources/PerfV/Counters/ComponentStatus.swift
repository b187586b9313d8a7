/// Whether a counter component can count on this machine.
///
/// A component that cannot work says why; PerfV never turns a missing source
/// into a silent zero.
public enum ComponentStatus: Sendable, Equatable, CustomStringConvertible {
    /// The component's events can be added to an ``EventSet``.
    case enabled
    /// The component cannot count here; `reason` is the human-readable cause,
    /// quoted from the underlying source where it has one (e.g. PAPI's `disabled_reason`).
    case disabled(reason: String)

    public var isEnabled: Bool {
        if case .enabled = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .enabled: return "enabled"
        case let .disabled(reason): return "disabled: \(reason)"
        }
    }
}
