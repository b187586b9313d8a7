/// KVM's paravirtual feature bits, CPUID 0x40000001 EAX (KVM_CPUID_FEATURES,
/// Documentation/virt/kvm/x86/cpuid.rst; KVM_FEATURE_* in <asm/kvm_para.h>).
public enum KVMParavirtFeature: UInt32, Sendable, CaseIterable, Codable {
    case clocksource = 0
    case nopIODelay = 1
    case mmuOp = 2
    case clocksource2 = 3
    case asyncPF = 4
    case stealTime = 5
    case pvEOI = 6
    case pvUnhalt = 7
    case pvTLBFlush = 9
    case asyncPFVMExit = 10
    case pvSendIPI = 11
    case pollControl = 12
    case pvSchedYield = 13
    case asyncPFInt = 14
    case msiExtDestID = 15
    case hcMapGPARange = 16
    case migrationControl = 17
    /// KVM_FEATURE_CLOCKSOURCE_STABLE_BIT: the kvmclock is stable across vCPUs.
    case clocksourceStable = 24

    /// The kernel's name for the bit, lower case without the KVM_FEATURE_ prefix.
    public var name: String {
        switch self {
        case .clocksource: return "clocksource"
        case .nopIODelay: return "nop_io_delay"
        case .mmuOp: return "mmu_op"
        case .clocksource2: return "clocksource2"
        case .asyncPF: return "async_pf"
        case .stealTime: return "steal_time"
        case .pvEOI: return "pv_eoi"
        case .pvUnhalt: return "pv_unhalt"
        case .pvTLBFlush: return "pv_tlb_flush"
        case .asyncPFVMExit: return "async_pf_vmexit"
        case .pvSendIPI: return "pv_send_ipi"
        case .pollControl: return "poll_control"
        case .pvSchedYield: return "pv_sched_yield"
        case .asyncPFInt: return "async_pf_int"
        case .msiExtDestID: return "msi_ext_dest_id"
        case .hcMapGPARange: return "hc_map_gpa_range"
        case .migrationControl: return "migration_control"
        case .clocksourceStable: return "clocksource_stable"
        }
    }

    /// The names of the features set in `eax`, in bit order; bits KVM does
    /// not define are named "bit<N>" so nothing set is hidden.
    public static func names(in eax: UInt32) -> [String] {
        (0..<32).compactMap { bit -> String? in
            guard eax & (1 << bit) != 0 else { return nil }
            return KVMParavirtFeature(rawValue: UInt32(bit))?.name ?? "bit\(bit)"
        }
    }
}
