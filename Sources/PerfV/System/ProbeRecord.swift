/// The outcomes of PerfV's live probes, written once on the machine they were
/// taken on (`probes.json` of an environment entry or a capture) and replayed
/// when PerfV detects from that root elsewhere.
///
/// Every section is optional: an entry built from documentation records only
/// what the documents state, and a missing section reads "not measured offline".
public struct ProbeRecord: Sendable, Equatable, Codable {
    /// Name of the record inside an entry or capture.
    public static let fileName = "probes.json"

    /// perf_event_open outcome per event ("instructions", "cycles",
    /// "task-clock"): "ok" or the errno name ("ENOENT", "EACCES", …).
    public var perfEventOpen: [String: String]
    /// PAPI's view, including every component with counters, native and
    /// preset events, disabled reason and libpfm4's PMU names.
    public var papi: PAPISummary?
    /// /dev/kvm: open outcome, API version, capabilities.
    public var kvm: KVMHostInfo?
    /// Clock read costs.
    public var clocks: [ClockSummary]?
    /// The TSC frequency when it had to be calibrated.
    public var tscFrequency: TSCFrequency?
    /// libnuma's view.
    public var numa: NUMAInfo?
    /// Steal since boot at capture time.
    public var steal: StealSummary?
    /// PerfV's counter components.
    public var components: [ComponentSummary]?

    public init(perfEventOpen: [String: String] = [:], papi: PAPISummary? = nil, kvm: KVMHostInfo? = nil,
                clocks: [ClockSummary]? = nil, tscFrequency: TSCFrequency? = nil, numa: NUMAInfo? = nil,
                steal: StealSummary? = nil, components: [ComponentSummary]? = nil) {
        self.perfEventOpen = perfEventOpen
        self.papi = papi
        self.kvm = kvm
        self.clocks = clocks
        self.tscFrequency = tscFrequency
        self.numa = numa
        self.steal = steal
        self.components = components
    }
}
