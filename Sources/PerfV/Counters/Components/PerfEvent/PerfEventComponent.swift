#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// Linux perf_event counters (`perf::<event>`) for the calling thread.
///
/// Software events (task-clock, page-faults, context-switches, …) are counted
/// by the kernel and always offered. Hardware events (cycles, instructions, …)
/// need a PMU: each is probed with perf_event_open(2) when the component is
/// created and offered only if the probe succeeds; otherwise it is listed in
/// ``unavailableEvents`` with the kernel's answer.
public final class PerfEventComponent: CounterComponent {
    public let name = "perf"
    public let summary = "Linux perf_event counters of the calling thread: kernel software events, "
        + "and hardware events when the CPU exposes a PMU"
    public let status: ComponentStatus
    public let events: [CounterEvent]
    public let unavailableEvents: [UnavailableCounterEvent]

    /// The events that can be opened, by name.
    private let countable: [String: PerfEventDefinition]

    /// Probes perf_event_open(2) with task-clock, then each hardware event.
    public init() {
        let component = "perf"
        if let failure = PerfEventComponent.probe(PerfEventDefinition.software[0]) {
            status = .disabled(reason: PerfEventComponent.reason(for: failure, opening: PerfEventDefinition.software[0]))
            events = []
            unavailableEvents = []
            countable = [:]
            return
        }
        var countable: [String: PerfEventDefinition] = [:]
        var events: [CounterEvent] = []
        var unavailable: [UnavailableCounterEvent] = []
        for definition in PerfEventDefinition.software {
            countable[definition.name] = definition
            events.append(definition.event(component: component))
        }
        for definition in PerfEventDefinition.hardware {
            if let failure = PerfEventComponent.probe(definition) {
                unavailable.append(UnavailableCounterEvent(
                    event: definition.event(component: component),
                    reason: PerfEventComponent.reason(for: failure, opening: definition)))
            } else {
                countable[definition.name] = definition
                events.append(definition.event(component: component))
            }
        }
        status = .enabled
        self.events = events
        unavailableEvents = unavailable
        self.countable = countable
    }

    public func makeEventSet() throws -> any ComponentEventSet {
        PerfEventEventSet(component: self)
    }

    /// The definition of an event this component can count, or the error for asking.
    func definition(of event: String) throws -> PerfEventDefinition {
        if let definition = countable[event] { return definition }
        let qualified = "\(name)\(EventName.separator)\(event)"
        if let unavailable = unavailableEvents.first(where: { $0.event.name == event }) {
            throw CounterError.eventUnavailable(event: qualified, reason: unavailable.reason)
        }
        let known = (PerfEventDefinition.software + PerfEventDefinition.hardware).map(\.name)
        throw CounterError.unknownEvent(
            event: qualified, component: name,
            suggestions: EventName.closeMatches(to: event, in: known).map { "\(name)\(EventName.separator)\($0)" })
    }

    /// Opens and closes `definition` as a lone group leader; returns the failure, if any.
    private static func probe(_ definition: PerfEventDefinition) -> Error? {
        var attr = definition.attributes(asLeader: true)
        do {
            PerfEventSystemCalls.close(try PerfEventSystemCalls.open(&attr, groupLeader: -1))
            return nil
        } catch {
            return error
        }
    }

    /// The human-readable reason perf_event_open(2) refused `definition`.
    static func reason(for failure: Error, opening definition: PerfEventDefinition) -> String {
        guard case let .systemCall(_, code)? = failure as? PerfVError else { return "\(failure)" }
        let name = PerfEventSystemCalls.name(ofErrno: code)
        if [ENOENT, EOPNOTSUPP, ENODEV].contains(code) && definition.kind == .hardware {
            return "no hardware PMU (perf_event_open: \(name)); \(pmuAbsenceDetail())"
        }
        switch code {
        case EACCES, EPERM:
            return PerfEventParanoia().explanation
        case ENOSYS:
            return "the kernel has no perf_event support (perf_event_open: ENOSYS)"
        default:
            return "perf_event_open for \(definition.name) failed: \(String(cString: strerror(code))) (\(name))"
        }
    }

    /// What the system says about its PMUs, for a no-PMU reason.
    private static func pmuAbsenceDetail() -> String {
        let directory = "/sys/bus/event_source/devices"
        var detail: String
        if let sources = PerfEventSystemCalls.entries(ofDirectory: directory) {
            detail = "\(directory) lists only \(sources.joined(separator: ", "))"
        } else {
            detail = "\(directory) is unreadable"
        }
        var eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0
        perfv_cpuid(1, 0, &eax, &ebx, &ecx, &edx)
        if ecx & (1 << 31) != 0 {
            detail += "; this is a virtual machine (CPUID.1:ECX[31]) whose hypervisor exposes no PMU"
        }
        return detail
    }
}
