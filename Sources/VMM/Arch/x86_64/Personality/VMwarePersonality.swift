import CLinux

/// VMware's CPUID block: "VMwareVMware" reaching 0x40000010, the timing leaf of VMware's
/// hypervisor CPUID note that Linux's vmware.c reads: EAX = TSC kHz, EBX = bus (APIC) kHz.
enum VMwarePersonality {
    static let signature = "VMwareVMware"
    static let timingLeaf: UInt32 = 0x4000_0010

    static func cpuid(replacingBlockIn table: [kvm_cpuid_entry2], timing: GuestTiming) -> [kvm_cpuid_entry2] {
        let words = HypervisorPersonality.signatureWords(signature)
        let base = GuestCPUID.kvmSignatureLeaf
        // ECX of the timing leaf: VMCALL/VMMCALL hypercalls (bits 0, 1) are not offered.
        return HypervisorPersonality.removingFirstBlock(table) + [
            GuestCPUID.entry(base, eax: timingLeaf, ebx: words.0, ecx: words.1, edx: words.2),
            GuestCPUID.entry(timingLeaf, eax: timing.tscKilohertz, ebx: timing.apicBusKilohertz, ecx: 0, edx: 0),
        ]
    }
}
