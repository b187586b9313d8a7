import CGuestABI
import CLinux

/// Which hypervisor the VM presents to its guest (`--personality`): the CPUID block at
/// 0x40000000 and the MSRs and ports behind it. KVM's paravirtual MSRs (kvmclock, steal
/// time) keep working in every personality: KVM does not enforce its CPUID feature bits
/// unless the VMM asks it to (KVM_CAP_ENFORCE_PV_FEATURE_CPUID), and this VMM does not.
public enum HypervisorPersonality: String, CaseIterable, Sendable {
    /// KVM's block, "KVMKVMKVM" (the default, what the VMM always presented).
    case kvm
    /// "Microsoft Hv": reference counter, VP runtime and guest OS id MSRs.
    case hyperv
    /// "VMwareVMware": the timing leaf 0x40000010 and the backdoor port.
    case vmware
    /// No hypervisor: CPUID.1:ECX[31] clear and no 0x4000xxxx leaves.
    case none

    /// Parses a personality name; anything else is `.invalidConfiguration` naming the choices.
    public init(name: String) throws {
        guard let personality = HypervisorPersonality(rawValue: name) else {
            throw VMMError.invalidConfiguration(
                "unknown personality \"\(name)\": one of \(HypervisorPersonality.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = personality
    }

    /// enum perfv_personality, for the guest's PERSONALITY workload.
    public var number: UInt64 {
        switch self {
        case .kvm: return UInt64(PERFV_PERSONALITY_KVM.rawValue)
        case .hyperv: return UInt64(PERFV_PERSONALITY_HYPERV.rawValue)
        case .vmware: return UInt64(PERFV_PERSONALITY_VMWARE.rawValue)
        case .none: return UInt64(PERFV_PERSONALITY_NONE.rawValue)
        }
    }

    /// The hypervisor name PerfV's detection (`HypervisorInfo.vendorName`) must give for a
    /// guest of this personality; nil for `none`, which must not look virtual at all.
    public var detectedVendorName: String? {
        switch self {
        case .kvm: return "KVM"
        case .hyperv: return "Hyper-V"
        case .vmware: return "VMware"
        case .none: return nil
        }
    }

    /// Turns the `kvm` table (`GuestCPUID.entries`, KVM's block by `KVMPersonality`) into
    /// this personality's. `timing` is what VMware's leaf promises; without it
    /// the `vmware` table has no block at all rather than made-up frequencies.
    public func cpuid(_ table: [kvm_cpuid_entry2], timing: GuestTiming?) -> [kvm_cpuid_entry2] {
        switch self {
        case .kvm: return table
        case .hyperv: return HyperVPersonality.cpuid(replacingBlockIn: table)
        case .vmware:
            guard let timing else { return HypervisorPersonality.removingFirstBlock(table) }
            return VMwarePersonality.cpuid(replacingBlockIn: table, timing: timing)
        case .none: return BareMetalPersonality.cpuid(table)
        }
    }

    /// MSR ranges (first, count) the VMM must trap for this personality, besides PerfV's counters.
    var trappedMSRs: [(first: UInt32, count: UInt32)] {
        self == .hyperv
            ? [(HyperVSyntheticMSRs.trappedRange.lowerBound, UInt32(HyperVSyntheticMSRs.trappedRange.count))]
            : []
    }

    /// The table without the 0x40000000 block (0x40000000…0x400000FF).
    static func removingFirstBlock(_ table: [kvm_cpuid_entry2]) -> [kvm_cpuid_entry2] {
        table.filter { $0.function & 0xFFFF_FF00 != GuestCPUID.kvmSignatureLeaf }
    }

    /// EBX, ECX, EDX of a 12-byte signature, little-endian as CPUID returns it.
    static func signatureWords(_ signature: String) -> (UInt32, UInt32, UInt32) {
        let bytes = Array(signature.utf8) + [UInt8](repeating: 0, count: max(0, 12 - signature.utf8.count))
        func word(_ at: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
        }
        return (word(0), word(4), word(8))
    }
}
