import Prometheus

/// Every metric `perfv-report export` writes: its name and help text, in one place
/// so each name always carries the same help (the registry requires it) and
/// docs/prometheus.md can be checked against it.
public enum PerfVMetric: String, CaseIterable, Sendable {
    /// The base-unit suffixes a name may end in (Prometheus naming: base units, `_info` for facts).
    static let unitSuffixes = ["seconds", "ratio", "info"]

    case vmInfo = "perfv_vm_info"
    case clockReadCost = "perfv_clock_read_cost_seconds"
    case sweepInfo = "perfv_sweep_info"
    case sweepSkipped = "perfv_sweep_skipped_info"
    case caseWall = "perfv_sweep_case_wall_seconds"
    case caseAdjusted = "perfv_sweep_case_adjusted_seconds"
    case caseSteal = "perfv_sweep_case_steal_seconds"
    case caseRunDelay = "perfv_sweep_case_run_delay_seconds"
    case exitCost = "perfv_sweep_exit_cost_seconds"
    case contentionSlowdown = "perfv_sweep_contention_slowdown_ratio"
    case guestEfficiency = "perfv_sweep_guest_efficiency_ratio"

    /// The name in swift-prometheus's parts: `perfv`, the metric, and its unit (the last word).
    var descriptor: MetricNameDescriptor {
        let words = rawValue.split(separator: "_")
        return MetricNameDescriptor(namespace: "perfv", metricName: words.dropFirst().dropLast().joined(separator: "_"),
                                    unitName: String(words.last!), helpText: help)
    }

    public var help: String {
        switch self {
        case .vmInfo:
            return "What PerfV detected about this node: hypervisor, CPUID vendor signature, cloud, instance type, PMU, clocksource, clock_gettime path, container runtime."
        case .clockReadCost:
            return "Median cost of one read of each clock on this node, measured at export."
        case .sweepInfo:
            return "A sweep whose figures follow (source=results: read from --results, source=probe: the built-in probe run)."
        case .sweepSkipped:
            return "A part of the sweep that did not run, with why (e.g. guest runs without a usable /dev/kvm)."
        case .caseWall:
            return "Median raw wall time of one run of a sweep case."
        case .caseAdjusted:
            return "Median steal-adjusted time of one run of a sweep case (wall time less steal or run delay)."
        case .caseSteal:
            return "Median steal during one run of a sweep case (the guest's KVM steal-time record; 0 on the host side)."
        case .caseRunDelay:
            return "Median run delay of the worker thread during one run of a host sweep case (time runnable but not running)."
        case .exitCost:
            return "Median cost of one VM exit round trip to user space, from the sweep's calibration."
        case .contentionSlowdown:
            return "Median time with a CPU hog pinned to the worker's core over the time without (measure=raw: wall, measure=adjusted: steal-adjusted; 1 means steal accounts for the hog)."
        case .guestEfficiency:
            return "Host steal-adjusted median over guest steal-adjusted median for the same uncontended MMM case (1 = native speed in the guest)."
        }
    }
}
