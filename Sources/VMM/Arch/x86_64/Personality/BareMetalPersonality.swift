import CLinux

/// The `none` personality: what a guest sees on bare metal. CPUID.1:ECX[31] is clear and no
/// 0x4000xxxx leaf exists, PerfV's own block included; KVM then answers a query there as for
/// any leaf beyond the processor's range (zeros, or the highest basic leaf, as Intel does).
enum BareMetalPersonality {
    static func cpuid(_ table: [kvm_cpuid_entry2]) -> [kvm_cpuid_entry2] {
        table.compactMap { entry in
            if entry.function & 0xFFFF_0000 == 0x4000_0000 { return nil }
            var entry = entry
            if entry.function == 1 { entry.ecx &= ~GuestCPUID.hypervisorPresentBit }
            return entry
        }
    }
}
