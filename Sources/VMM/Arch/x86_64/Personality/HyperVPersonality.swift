import CGuestABI
import CLinux

/// Hyper-V's CPUID block, after the Hyper-V TLFS ("Hypervisor CPUID leaves"): only what
/// the VMM implements is advertised.
enum HyperVPersonality {
    static let signature = "Microsoft Hv"
    /// 0x40000001 EAX: the interface signature "Hv#1" (TLFS: the Microsoft hypervisor interface).
    static let interfaceSignature: UInt32 = 0x3123_7648
    /// The TLFS requires the block to reach at least 0x40000005.
    static let highestLeaf: UInt32 = 0x4000_0005
    /// 0x40000003 EAX bit 0, AccessVpRunTimeReg: HV_X64_MSR_VP_RUNTIME.
    static let accessVpRunTimeReg: UInt32 = 1 << 0
    /// 0x40000003 EAX bit 1, AccessPartitionReferenceCounter: HV_X64_MSR_TIME_REF_COUNT.
    /// Bit 5 (AccessHypercallMsrs) stays clear: it promises HV_X64_MSR_HYPERCALL too, which
    /// the VMM does not implement (GUEST_OS_ID still answers).
    static let accessPartitionReferenceCounter: UInt32 = 1 << 1
    /// 0x40000004 EBX: spinlock retries before notifying the hypervisor; all ones = never.
    static let neverNotifySpinlocks: UInt32 = 0xFFFF_FFFF

    static func cpuid(replacingBlockIn table: [kvm_cpuid_entry2]) -> [kvm_cpuid_entry2] {
        let words = HypervisorPersonality.signatureWords(signature)
        let base = GuestCPUID.kvmSignatureLeaf
        return HypervisorPersonality.removingFirstBlock(table) + [
            GuestCPUID.entry(base, eax: highestLeaf, ebx: words.0, ecx: words.1, edx: words.2),
            GuestCPUID.entry(base + 1, eax: interfaceSignature, ebx: 0, ecx: 0, edx: 0),
            // 0x40000002, the hypervisor's build and version: zero, PerfV is no Hyper-V build.
            GuestCPUID.entry(base + 2, eax: 0, ebx: 0, ecx: 0, edx: 0),
            GuestCPUID.entry(base + 3, eax: accessVpRunTimeReg | accessPartitionReferenceCounter, ebx: 0, ecx: 0, edx: 0),
            GuestCPUID.entry(base + 4, eax: 0, ebx: neverNotifySpinlocks, ecx: 0, edx: 0),
            // 0x40000005 EAX: the most virtual processors the VMM supports.
            GuestCPUID.entry(base + 5, eax: PERFV_MAX_VCPUS, ebx: 0, ecx: 0, edx: 0),
        ]
    }
}
