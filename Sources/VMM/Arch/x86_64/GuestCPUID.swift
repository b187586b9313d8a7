import CGuestABI
import CLinux

/// The CPUID table a vCPU sees: KVM_GET_SUPPORTED_CPUID, with the vCPU's APIC ID,
/// KVM's paravirtual block at 0x40000000 ("KVMKVMKVM", steal time and clocksource2
/// advertised so KVM's own PV features work: `KVMPersonality`), and PerfV's block at
/// 0x40000100. This is the `kvm` personality; `HypervisorPersonality.cpuid` turns it into the others.
public enum GuestCPUID {
    public static let kvmSignatureLeaf: UInt32 = 0x4000_0000
    public static let kvmFeaturesLeaf: UInt32 = 0x4000_0001
    /// KVM_FEATURE_CLOCKSOURCE2 (bit 3) and KVM_FEATURE_STEAL_TIME (bit 5).
    public static let clocksource2Bit: UInt32 = 1 << 3
    public static let stealTimeBit: UInt32 = 1 << 5
    static let hypervisorPresentBit: UInt32 = 1 << 31

    /// "PerfVPerfVVM" as the EBX, ECX, EDX words of leaf 0x40000100.
    public static var perfvSignatureWords: (UInt32, UInt32, UInt32) {
        let bytes = Array(PERFV_CPUID_SIGNATURE.utf8)
        func word(_ at: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
        }
        return (word(0), word(4), word(8))
    }

    /// Builds vCPU `index`'s table from KVM's supported entries.
    public static func entries(supported: [kvm_cpuid_entry2], vcpu index: Int) -> [kvm_cpuid_entry2] {
        var table = supported.filter { $0.function != PERFV_CPUID_BASE && $0.function != PERFV_CPUID_COUNTERS }
        for position in table.indices {
            switch table[position].function {
            case 1:
                table[position].ebx = (table[position].ebx & 0x00FF_FFFF) | UInt32(index) << 24
                table[position].ecx |= hypervisorPresentBit
            case 0xB, 0x1F:
                table[position].edx = UInt32(index)
            default:
                KVMPersonality.adjust(&table[position])
            }
        }
        let signature = perfvSignatureWords
        table.append(entry(PERFV_CPUID_BASE, eax: PERFV_CPUID_COUNTERS, ebx: signature.0, ecx: signature.1, edx: signature.2))
        table.append(entry(PERFV_CPUID_COUNTERS, eax: PERFV_MSR_BASE, ebx: GuestLayout.msrCount, ecx: PERFV_ABI_VERSION, edx: 0))
        return table
    }

    static func entry(_ function: UInt32, eax: UInt32, ebx: UInt32, ecx: UInt32, edx: UInt32) -> kvm_cpuid_entry2 {
        var value = kvm_cpuid_entry2()
        value.function = function
        value.eax = eax
        value.ebx = ebx
        value.ecx = ecx
        value.edx = edx
        return value
    }
}
