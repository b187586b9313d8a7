/// Whether clock_gettime is answered in the vDSO (tens of ns, no kernel
/// entry) or by a system call, given the kernel's current clocksource.
///
/// Only clocksources with a vDSO clock mode qualify (arch/x86 vdso_clock_mode):
/// `tsc`; `kvm-clock` when KVM sets the pvclock stable bit
/// (KVM_FEATURE_CLOCKSOURCE_STABLE_BIT, CPUID 0x40000001 EAX[24]); Hyper-V's
/// `hyperv_clocksource_tsc_page` (reference TSC page, CPUID 0x40000003 EAX[9]).
/// On xen, hpet, acpi_pm and the rest every clock_gettime is a system call.
public struct ClockAccess: Sendable, Equatable, Codable {
    /// "vdso", "syscall", or "unknown" (no clocksource, or kvm-clock without CPUID to show the stable bit).
    public var mode: String
    /// Why, naming the evidence.
    public var reason: String
    /// Measured (or recorded) cost of one CLOCK_MONOTONIC read in ns; nil when not measured.
    @AlwaysEncoded public var readCostNs: Double?
    /// Set when mode is "syscall": what it costs the user.
    public var warning: String?

    /// Before detection has looked at the clocksource.
    public static let undecided = ClockAccess(mode: "unknown", reason: "not decided", readCostNs: nil, warning: nil)

    init(mode: String, reason: String, readCostNs: Double?, warning: String?) {
        self.mode = mode
        self.reason = reason
        self.readCostNs = readCostNs
        self.warning = warning
    }

    public init(clocksource: String?, hypervisor: HypervisorInfo, clocks: [ClockSummary]) {
        readCostNs = clocks.first { $0.name == "CLOCK_MONOTONIC" }?.readCostNs
        warning = nil
        guard let clocksource else {
            mode = "unknown"
            reason = "the current clocksource is unknown"
            return
        }
        switch clocksource {
        case "tsc":
            mode = "vdso"
            reason = "tsc has a vDSO clock mode"
        case "kvm-clock":
            if let kvm = hypervisor.block(signature: "KVMKVMKVM"), let features = kvm.kvmFeatures {
                let stable = features.contains("clocksource_stable")
                mode = stable ? "vdso" : "syscall"
                reason = stable
                    ? "kvm-clock with the stable bit (CPUID 0x40000001 EAX[24]) reads in the vDSO"
                    : "kvm-clock without the stable bit (CPUID 0x40000001 EAX[24] clear) has no vDSO mode"
            } else {
                mode = "unknown"
                reason = "kvm-clock: no KVM CPUID leaves to show whether its stable bit is set"
            }
        case "hyperv_clocksource_tsc_page":
            mode = "vdso"
            reason = "Hyper-V's reference TSC page is read in the vDSO"
        default:
            mode = "syscall"
            reason = "\(clocksource) has no vDSO clock mode"
        }
        if mode == "syscall" {
            let cost = readCostNs.map { " (~" + FixedDecimal.text($0, digits: 0) + " ns per read here)" } ?? ""
            warning = "every clock_gettime is a system call on \(clocksource)\(cost): time regions cost far more than with tsc"
        }
    }
}
