import SystemCalls

/// Every error the counters (``EventSet``, the components) throw.
/// Each case's description is the message a user reads.
public enum CounterError: Error, Equatable, CustomStringConvertible {
    /// The name is not of the form `event` or `component::event`.
    case malformedEventName(String)
    /// The event set was given no events.
    case noEvents
    /// A component with this name is already registered.
    case duplicateComponent(String)
    /// The same event was named twice.
    case duplicateEvent(String)
    /// `component::event` names a component PerfV does not have.
    case unknownComponent(event: String, known: [String])
    /// No component offers the event; `suggestions` are close names that exist.
    case unknownEvent(event: String, component: String?, suggestions: [String])
    /// The event names a device (an interface, an HCA port) the component does not
    /// have here; `known` lists the ones it has.
    case unknownDevice(event: String, kind: String, device: String, known: [String])
    /// An unqualified name is offered by several components.
    case ambiguousEvent(event: String, candidates: [String])
    /// The event's component is disabled; `reason` is the component's own reason.
    case componentDisabled(event: String, component: String, reason: String)
    /// The component is enabled but cannot count this event here.
    case eventUnavailable(event: String, reason: String)
    /// The kernel refused to count the event for this user.
    case permissionDenied(event: String, reason: String)
    /// A system call on behalf of `event` (or the whole set when nil) failed.
    case systemCall(SystemCallError, event: String?)
    /// A PAPI call failed; `message` is PAPI_strerror's text.
    case papiCall(call: String, code: Int32, message: String)
    /// A counter read returned fewer bytes than the event set needs.
    case shortRead(component: String, expected: Int, got: Int)
    /// The caller's buffer has room for fewer values than the event set has events.
    case bufferTooSmall(needed: Int, given: Int)
    /// `start()` was called on a running event set.
    case alreadyRunning
    /// `stop()` was called on an event set that is not running.
    case notRunning
    /// `read()` was called before the first `start()`.
    case notStarted
    /// The event name is longer than the component can take; `event` is the
    /// qualified name, shortened for the message.
    case eventNameTooLong(event: String, length: Int, limit: Int)
    /// The event set counts the thread that created it and was used on another.
    case wrongThread(component: String)
    /// Another event set with PAPI events is running on this thread: PAPI
    /// counts one event set per thread (and PAPI component) at a time.
    case onePAPIEventSetPerThread

    public var description: String {
        switch self {
        case let .malformedEventName(name):
            return "malformed event name \"\(name)\": expected \"event\" or \"component::event\""
        case .noEvents:
            return "an event set needs at least one event"
        case let .duplicateComponent(name):
            return "a counter component named \(name) is already registered"
        case let .duplicateEvent(name):
            return "event \(name) is named twice"
        case let .unknownComponent(event, known):
            return "no component for event \(event); components: \(known.joined(separator: ", "))"
        case let .unknownEvent(event, component, suggestions):
            let place = component.map { " in component \($0)" } ?? ""
            let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"
            return "unknown event \(event)\(place)\(hint)"
        case let .unknownDevice(event, kind, device, known):
            let choice = known.isEmpty ? "there are no \(kind)s here" : "the \(kind)s here are \(known.joined(separator: ", "))"
            return "unknown \(kind) \(device) in event \(event); \(choice)"
        case let .ambiguousEvent(event, candidates):
            return "event \(event) is offered by several components; name one of: \(candidates.joined(separator: ", "))"
        case let .componentDisabled(event, component, reason):
            return "\(event) cannot be counted here: component \(component) is disabled (\(reason))"
        case let .eventUnavailable(event, reason):
            return "\(event) cannot be counted here: \(reason)"
        case let .permissionDenied(event, reason):
            return "\(event) cannot be counted by this user: \(reason)"
        case let .systemCall(error, event):
            return error.describing(event.map { "\(error.call) for \($0)" } ?? error.call)
        case let .papiCall(call, code, message):
            return "\(call) failed: \(message) (PAPI error \(code))"
        case let .shortRead(component, expected, got):
            let cause = got == 0 ? " (end of file: the kernel could not put the pinned counter group on the PMU, "
                + "e.g. more hardware events than it has counters)" : ""
            return "reading the \(component) counters returned \(got) bytes, expected \(expected)\(cause)"
        case let .bufferTooSmall(needed, given):
            return "the value buffer holds \(given) values, the event set has \(needed) events"
        case .alreadyRunning:
            return "the event set is already running"
        case .notRunning:
            return "the event set is not running"
        case .notStarted:
            return "the event set has not been started"
        case let .eventNameTooLong(event, length, limit):
            let shown = event.count > 80 ? "\(event.prefix(80))…" : event
            return "event name \(shown) is \(length) bytes long; at most \(limit) are allowed"
        case let .wrongThread(component):
            return "the event set's \(component) counters count the thread that created the event set: "
                + "start, read, stop and reset it on that thread"
        case .onePAPIEventSetPerThread:
            return "another event set with papi:: events is already running on this thread, and PAPI counts "
                + "one event set per thread at a time: stop it first, or put the papi:: events of nested "
                + "regions into one event set"
        }
    }
}
