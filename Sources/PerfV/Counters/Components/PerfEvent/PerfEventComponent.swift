#if canImport(Glibc)
import Glibc
#endif
import CLinux
import SystemCalls

/// Linux perf_event counters (`perf::<event>`) for the calling thread.
///
/// Software events (task-clock, page-faults, context-switches, …) are counted
/// by the kernel and always offered. Hardware events (cycles, instructions, …)
/// need a PMU: each is probed with perf_event_open(2) when the component is
/// created and offered only if the probe succeeds; otherwise it is listed in
/// ``unavailableEvents`` with the kernel's answer.
///
/// Events count user and kernel mode (see ``PerfEventParanoia`` for why).
/// Appending `:u` (`perf::page-faults:u`) counts user mode only, as perf's
/// modifier does; that is what a process may count when perf_event_paranoid is 2
/// and it lacks CAP_PERFMON. Then the plain names of mode-dependent events are
/// listed as unavailable with that reason, and their `:u` forms are offered.
public final class PerfEventComponent: CounterComponent {
    public let name = "perf"
    public let summary = "Linux perf_event counters of the calling thread: kernel software events, "
        + "and hardware events when the CPU exposes a PMU; append :u to count user mode only"
    public let status: ComponentStatus
    public let events: [CounterEvent]
    public let unavailableEvents: [UnavailableCounterEvent]

    /// Whether the kernel lets this process count kernel mode (exclude_kernel = 0).
    let countsKernelMode: Bool
    /// Why an event that can be counted with `:u` cannot be counted as asked, by plain name.
    private let refused: [String: String]
    /// The events whose perf_event_open succeeded in the probe (or needs no probe), by plain name.
    private let openable: [String: PerfEventDefinition]

    /// Probes perf_event_open(2) with task-clock (kernel mode included, then user
    /// mode only if that was refused), then each hardware event.
    public init() {
        let component = "perf"
        let clock = PerfEventDefinition.software[0]
        var countsKernelMode = true
        if let failure = PerfEventComponent.probe(clock, excludeKernel: false) {
            guard PerfEventComponent.isPermissionDenial(failure),
                  PerfEventComponent.probe(clock, excludeKernel: true) == nil else {
                status = .disabled(reason: PerfEventComponent.reason(for: failure, opening: clock))
                (events, unavailableEvents, self.countsKernelMode, refused, openable) = ([], [], false, [:], [:])
                return
            }
            countsKernelMode = false
        }

        var openable: [String: PerfEventDefinition] = [:]
        var events: [CounterEvent] = []
        var unavailable: [UnavailableCounterEvent] = []
        var refused: [String: String] = [:]
        for definition in PerfEventDefinition.software + PerfEventDefinition.hardware {
            let excludeKernel = !countsKernelMode
            if definition.kind == .hardware, let failure = PerfEventComponent.probe(definition, excludeKernel: excludeKernel) {
                unavailable.append(UnavailableCounterEvent(
                    event: definition.event(component: component, userModeOnly: false),
                    reason: PerfEventComponent.reason(for: failure, opening: definition)))
                continue
            }
            openable[definition.name] = definition
            if countsKernelMode || definition.sameInEveryMode {
                events.append(definition.event(component: component, userModeOnly: false))
            } else {
                let reason = PerfEventParanoia().explanation(userModeAlternative: "\(component)::\(definition.name):u")
                refused[definition.name] = reason
                unavailable.append(UnavailableCounterEvent(
                    event: definition.event(component: component, userModeOnly: false), reason: reason))
                events.append(definition.event(component: component, userModeOnly: true))
            }
        }
        status = .enabled
        self.events = events
        unavailableEvents = unavailable
        self.countsKernelMode = countsKernelMode
        self.refused = refused
        self.openable = openable
    }

    /// `event:u` for a known event, so an unqualified user-mode name finds this component.
    public func claims(unqualifiedName: String) -> Bool {
        guard unqualifiedName.hasSuffix(PerfEventDefinition.userModeSuffix) else { return false }
        let plain = unqualifiedName.dropLast(PerfEventDefinition.userModeSuffix.count)
        return (PerfEventDefinition.software + PerfEventDefinition.hardware).contains { $0.name == plain }
    }

    public func makeEventSet() throws -> any ComponentEventSet {
        PerfEventEventSet(component: self)
    }

    /// How to open `event` (a plain name or one ending in `:u`), or the error for asking.
    func request(for event: String) throws -> PerfEventRequest {
        let qualified = "\(name)\(EventName.separator)\(event)"
        let userModeOnly = event.hasSuffix(PerfEventDefinition.userModeSuffix)
        let plain = userModeOnly ? String(event.dropLast(PerfEventDefinition.userModeSuffix.count)) : event
        guard let definition = openable[plain] else {
            if let unavailable = unavailableEvents.first(where: { $0.event.name == plain }) {
                throw CounterError.eventUnavailable(event: qualified, reason: unavailable.reason)
            }
            let known = (PerfEventDefinition.software + PerfEventDefinition.hardware).map(\.name)
            throw CounterError.unknownEvent(
                event: qualified, component: name,
                suggestions: EventName.closeMatches(to: plain, in: known).map { "\(name)\(EventName.separator)\($0)" })
        }
        if !userModeOnly, let reason = refused[plain] {
            throw CounterError.permissionDenied(event: qualified, reason: reason)
        }
        return PerfEventRequest(
            definition: definition,
            excludeKernel: userModeOnly || !countsKernelMode,
            event: definition.event(component: name, userModeOnly: userModeOnly))
    }

    /// Opens and closes `definition` as a lone group leader; returns the failure, if any.
    private static func probe(_ definition: PerfEventDefinition, excludeKernel: Bool) -> SystemCallError? {
        var attr = definition.attributes(asLeader: true, excludeKernel: excludeKernel)
        do {
            _ = try FileDescriptor(openingPerfEventForCallingThread: &attr, groupLeader: -1)
            return nil
        } catch {
            return error
        }
    }

    /// Whether perf_event_open failed with EACCES or EPERM.
    static func isPermissionDenial(_ failure: SystemCallError) -> Bool {
        failure.errno == EACCES || failure.errno == EPERM
    }

    /// The human-readable reason perf_event_open(2) refused `definition`.
    static func reason(for failure: SystemCallError, opening definition: PerfEventDefinition) -> String {
        let code = failure.errno
        let name = ErrnoName.name(of: code)
        if [ENOENT, EOPNOTSUPP, ENODEV].contains(code) && definition.kind == .hardware {
            return "no hardware PMU (perf_event_open: \(name)); \(pmuAbsenceDetail())"
        }
        switch code {
        case EACCES, EPERM:
            return PerfEventParanoia().explanation(userModeAlternative: nil)
        case ENOSYS:
            return "the kernel has no perf_event support (perf_event_open: ENOSYS)"
        default:
            return failure.describing("perf_event_open for \(definition.name)")
        }
    }

    /// What the system says about its PMUs, for a no-PMU reason.
    private static func pmuAbsenceDetail() -> String {
        let directory = "/sys/bus/event_source/devices"
        let sources = SystemRoot.live.directoryEntries(directory)
        var detail = sources.isEmpty
            ? "\(directory) is empty or missing"
            : "\(directory) lists only \(sources.joined(separator: ", "))"
        var eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0
        perfv_cpuid(1, 0, &eax, &ebx, &ecx, &edx)
        if ecx & (1 << 31) != 0 {
            detail += "; this is a virtual machine (CPUID.1:ECX[31]) whose hypervisor exposes no PMU"
        }
        return detail
    }
}
