import CLinux

/// How one `perf::` event will be opened: which event, and whether kernel mode is excluded.
struct PerfEventRequest {
    let definition: PerfEventDefinition
    /// perf_event_attr.exclude_kernel.
    let excludeKernel: Bool
    /// The event as the event set reports it (`name` or `name:u`).
    let event: CounterEvent

    var attributesAsLeader: perf_event_attr { definition.attributes(asLeader: true, excludeKernel: excludeKernel) }
    var attributesAsMember: perf_event_attr { definition.attributes(asLeader: false, excludeKernel: excludeKernel) }
}
