/// Which of PAPI's components can count on this machine, believing the kernel
/// over libpfm4.
///
/// When the kernel names no core PMU, libpfm4 picks one from the CPU model, so
/// PAPI's perf_event component can come up enabled, with counters and native
/// events, on a VM whose kernel cannot count a single hardware event (seen:
/// family 25 model 17 matched `amd64_fam19h_zen4`; an Intel Xeon matched
/// `netburst`). Every hardware event then fails in `PAPI_add_event` with only
/// "Event does not exist". PerfV sets such a component aside with the evidence
/// and keeps the PAPI components that really count.
///
/// A pure function of PAPI's component list and the kernel's PMU verdict, so
/// the same rule runs live and over recorded machines.
public struct PAPICountingComponents: Sendable, Equatable {
    /// A component PAPI enabled that cannot count here, and why.
    public struct Refuted: Sendable, Equatable {
        public var component: PAPILibrary.Component
        public var reason: String
    }

    /// The PAPI component that counts the CPU's core PMU through perf_event.
    public static let corePMUComponent = "perf_event"

    /// Enabled components with counters or native events that the kernel does not contradict.
    public let counting: [PAPILibrary.Component]
    /// Enabled components the kernel contradicts.
    public let refuted: [Refuted]
    /// Components PAPI itself disabled.
    public let disabled: [PAPILibrary.Component]

    public init(components: [PAPILibrary.Component], kernelPMU: PMUInfo) {
        let claiming = components.filter { $0.isEnabled && ($0.counterCount > 0 || $0.nativeEventCount > 0) }
        var counting: [PAPILibrary.Component] = []
        var refuted: [Refuted] = []
        for component in claiming {
            if component.name == PAPICountingComponents.corePMUComponent && !kernelPMU.available {
                refuted.append(Refuted(component: component,
                                       reason: PAPICountingComponents.refutation(of: component, kernelPMU: kernelPMU)))
            } else {
                counting.append(component)
            }
        }
        self.counting = counting
        self.refuted = refuted
        disabled = components.filter { !$0.isEnabled }
    }

    /// Why nothing in PAPI can count: PAPI's own reasons and PerfV's refutations; nil when something can.
    public var noneCountingReason: String? {
        guard counting.isEmpty else { return nil }
        let reasons = refuted.map { "\($0.component.name): \($0.reason)" }
            + disabled.map { "\($0.name): \($0.disabledReason ?? "")" }
        let detail = reasons.isEmpty ? "PAPI has no components" : reasons.joined(separator: "; ")
        return "no PAPI component can count (\(detail))"
    }

    /// The reason a refuted component cannot count, when the component at PAPI index `index` is one.
    public func refutation(ofComponentAt index: Int32) -> String? {
        refuted.first { $0.component.index == index }.map { "PAPI's \($0.component.name) component: \($0.reason)" }
    }

    private static func refutation(of component: PAPILibrary.Component, kernelPMU: PMUInfo) -> String {
        let names = component.pmuNames ?? []
        let pmus = names.isEmpty ? "" : " for PMU \(names.joined(separator: ", "))"
        let kernel = kernelPMU.reason ?? "perf_event_open(instructions): \(kernelPMU.hardwareProbe)"
        return "PAPI enabled it with \(component.counterCount) counters and \(component.nativeEventCount) native events"
            + "\(pmus), which libpfm4 took from the CPU model or LIBPFM_FORCE_PMU, not from the kernel; "
            + "the kernel cannot count hardware events: \(kernel)"
    }
}
