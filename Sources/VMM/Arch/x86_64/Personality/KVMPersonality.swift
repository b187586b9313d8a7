import CLinux

/// KVM's own block as KVM_GET_SUPPORTED_CPUID reports it, with what PerfV's guest uses
/// made sure of: the block reaches its feature leaf, and the feature leaf advertises
/// steal time and clocksource2 (kvmclock). The `kvm` personality, and the table every
/// other personality starts from.
enum KVMPersonality {
    /// Adjusts one supported entry in place; entries outside KVM's block are left alone.
    static func adjust(_ entry: inout kvm_cpuid_entry2) {
        switch entry.function {
        case GuestCPUID.kvmSignatureLeaf:
            entry.eax = max(entry.eax, GuestCPUID.kvmFeaturesLeaf)
        case GuestCPUID.kvmFeaturesLeaf:
            entry.eax |= GuestCPUID.clocksource2Bit | GuestCPUID.stealTimeBit
        default:
            break
        }
    }
}
