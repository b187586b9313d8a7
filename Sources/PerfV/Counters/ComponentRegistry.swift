import Synchronization

/// The registry of counter components, like PAPI's component vector.
///
/// ``shared`` holds the built-in components (perf_event, PAPI, steal, `vmm`,
/// PerfV's VMM counters as its guests read them, `throttle`, the cgroup's CPU
/// throttling, `net` and `ib`, network and InfiniBand traffic, and `vmware` and
/// `hyperv`, those hypervisors' time sources); more are added with
/// ``register(_:)``. Every component
/// is listed whether or not it is enabled, so `perfv-report info` can say why one
/// is missing.
public final class ComponentRegistry: Sendable {
    /// The process-wide registry, created on first use; this probes perf_event,
    /// initializes PAPI, opens the steal and throttle sources once, lists the network
    /// interfaces and InfiniBand ports, and reads CPUID once for the hypervisors' components.
    public static let shared: ComponentRegistry = {
        let hypervisor = HypervisorInfo(cpuid: HardwareCPUID())
        return ComponentRegistry([PerfEventComponent(), PAPIComponent(), StealComponent(),
                                  VirtualCounterComponent(), ThrottleComponent(),
                                  NetworkComponent(), InfiniBandComponent(),
                                  VMwareComponent(hypervisor: hypervisor), HyperVComponent(hypervisor: hypervisor)])
    }()

    private let registered: Mutex<[any CounterComponent]>

    /// A registry of exactly `components`, in lookup order.
    public init(_ components: [any CounterComponent]) {
        registered = Mutex(components)
    }

    /// All components, enabled or not, in registration order.
    public var all: [any CounterComponent] {
        registered.withLock { $0 }
    }

    /// A snapshot of every component, for display or JSON.
    public var summaries: [ComponentSummary] {
        all.map(ComponentSummary.init)
    }

    /// The component whose event prefix is `name`.
    public func component(named name: String) -> (any CounterComponent)? {
        registered.withLock { list in list.first { $0.name == name } }
    }

    /// Adds a component; its events become available to new event sets.
    /// Throws ``CounterError/duplicateComponent(_:)`` when the name is taken.
    public func register(_ component: any CounterComponent) throws {
        try registered.withLock { list in
            guard !list.contains(where: { $0.name == component.name }) else {
                throw CounterError.duplicateComponent(component.name)
            }
            list.append(component)
        }
    }

    /// The component that counts `text` and the event's name inside it.
    ///
    /// A qualified name goes to its component (which checks the event when it is
    /// added); an unqualified name is looked up in the enabled components' events.
    func resolve(_ text: String) throws -> (component: any CounterComponent, event: String) {
        let name = try EventName(parsing: text)
        let components = all
        if let prefix = name.component {
            guard let component = components.first(where: { $0.name == prefix }) else {
                throw CounterError.unknownComponent(event: text, known: components.map(\.name))
            }
            if case let .disabled(reason) = component.status {
                throw CounterError.componentDisabled(event: text, component: prefix, reason: reason)
            }
            return (component, name.event)
        }

        let enabled = components.filter { $0.status.isEnabled }
        let offering = enabled.filter { $0.events.contains { $0.name == name.event } }
        if offering.count == 1 { return (offering[0], name.event) }
        if offering.count > 1 {
            throw CounterError.ambiguousEvent(
                event: text, candidates: offering.map { "\($0.name)\(EventName.separator)\(name.event)" })
        }
        // A component that knows the event but cannot count it as named throws the
        // precise error (no PMU, permission) when the event is added.
        if let owner = enabled.first(where: { $0.unavailableEvents.contains { $0.event.name == name.event } }) {
            return (owner, name.event)
        }
        if let claimant = components.first(where: { $0.claims(unqualifiedName: name.event) }) {
            if case let .disabled(reason) = claimant.status {
                throw CounterError.componentDisabled(
                    event: "\(claimant.name)\(EventName.separator)\(name.event)", component: claimant.name, reason: reason)
            }
            return (claimant, name.event)
        }
        let known = enabled.flatMap { $0.events.map(\.qualifiedName) }
            + enabled.flatMap { $0.unavailableEvents.map(\.event.qualifiedName) }
        throw CounterError.unknownEvent(
            event: text, component: nil, suggestions: EventName.closeMatches(to: name.event, in: known))
    }
}
