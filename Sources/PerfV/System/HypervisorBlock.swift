/// One hypervisor CPUID block: a base leaf 0x400000xx00 whose EBX:ECX:EDX hold
/// a printable signature and whose EAX names the highest leaf of the block.
/// A hypervisor may offer several (Hyper-V + KVM, VMware + KVM, KVM + PerfV).
public struct HypervisorBlock: Sendable, Equatable, Codable {
    /// The 12-byte signature without trailing NULs, e.g. "KVMKVMKVM", "Microsoft Hv".
    public var signature: String
    /// Who uses that signature ("KVM", "VMware", …), nil for a signature PerfV does not know.
    public var hypervisor: String?
    /// The block's base leaf, 0x40000000 + n × 0x100.
    public var baseLeaf: UInt32
    /// EAX of the base leaf as reported: the highest leaf of the block (0 from old KVM).
    public var maxLeaf: UInt32
    /// KVM blocks: feature bits of base+1 EAX (KVM_CPUID_FEATURES).
    public var kvmFeatureBits: UInt32?
    /// KVM blocks: those bits by name.
    public var kvmFeatures: [String]?
    /// KVM blocks: base+1 EDX (KVM_CPUID_FEATURES hints); bit 0 is KVM_HINTS_REALTIME,
    /// "vCPUs are never preempted for an unlimited time" (cpuid.rst).
    public var kvmHints: [String]? = nil
    /// Hyper-V interface blocks ("Microsoft Hv", "Linux KVM Hv"): base+3 features.
    public var hyperVFeatures: HyperVFeatures? = nil
    /// PerfV blocks: base+1, the virtual counter MSR range.
    public var perfvCounters: PerfVCounterLeaf?
    /// base+0x10 when the block reaches that far and it is non-zero.
    public var timing: HypervisorTimingLeaf?

    /// Highest leaf actually in the block: KVM before Linux 2.6.38 reported
    /// EAX = 0 at its base and meant "base + 1" (cpuid.rst).
    public var highestLeaf: UInt32 { maxLeaf == 0 ? baseLeaf + 1 : maxLeaf }

    /// Signatures PerfV names; any other printable signature is still reported as-is.
    public static let knownSignatures: [String: String] = [
        "KVMKVMKVM": "KVM",
        "VMwareVMware": "VMware",
        "XenVMMXenVMM": "Xen",
        "Microsoft Hv": "Hyper-V",
        // KVM offering Hyper-V enlightenments to Windows guests (hv_* flags), ahead of its own block.
        "Linux KVM Hv": "KVM",
        "TCGTCGTCGTCG": "QEMU TCG",
        "bhyve bhyve ": "bhyve",
        "VBoxVBoxVBox": "VirtualBox",
        "ACRNACRNACRN": "ACRN",
        // PERFV_CPUID_SIGNATURE in perfv_guest_abi.h: PerfV's own VMM.
        perfvSignature: "PerfV VMM",
    ]

    /// PERFV_CPUID_SIGNATURE (perfv_guest_abi.h); PerfV does not link the guest ABI.
    public static let perfvSignature = "PerfVPerfVVM"

    /// Reads the block at `base`, or nil when there is none: the signature is
    /// not printable text, or EAX is neither 0 (old KVM) nor a leaf inside
    /// [base, base + 0xFF] (a processor echoing another leaf).
    public static func read(base: UInt32, cpuid: some CPUIDSource) -> HypervisorBlock? {
        let registers = cpuid.query(leaf: base)
        guard let signature = printableSignature(CPUIDRegisters.bytes(registers.ebx, registers.ecx, registers.edx)),
              registers.eax == 0 || (registers.eax >= base && registers.eax - base <= 0xFF) else { return nil }

        var block = HypervisorBlock(signature: signature, hypervisor: knownSignatures[signature],
                                    baseLeaf: base, maxLeaf: registers.eax)
        if block.highestLeaf >= base + 1 {
            let features = cpuid.query(leaf: base + 1)
            switch signature {
            case "KVMKVMKVM":
                block.kvmFeatureBits = features.eax
                block.kvmFeatures = KVMParavirtFeature.names(in: features.eax)
                block.kvmHints = features.edx & 1 != 0 ? ["realtime"] : []
            case perfvSignature:
                block.perfvCounters = PerfVCounterLeaf(msrBase: features.eax, msrCount: features.ebx, abiVersion: features.ecx)
            default:
                break
            }
        }
        if ["Microsoft Hv", "Linux KVM Hv"].contains(signature), block.highestLeaf >= base + 3 {
            block.hyperVFeatures = HyperVFeatures(cpuid.query(leaf: base + 3))
        }
        if block.highestLeaf >= base + 0x10 {
            let timing = cpuid.query(leaf: base + 0x10)
            if timing.eax != 0 {
                block.timing = HypervisorTimingLeaf(tscKilohertz: timing.eax, apicBusKilohertz: timing.ebx)
            }
        }
        return block
    }

    /// The signature as text when every byte before the NUL padding is printable
    /// ASCII and at least one is not a space; nil for anything else.
    static func printableSignature(_ bytes: [UInt8]) -> String? {
        let text = bytes.prefix { $0 != 0 }
        guard text.contains(where: { $0 != 0x20 }),
              text.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
              bytes[text.count...].allSatisfy({ $0 == 0 }) else { return nil }
        return String(decoding: text, as: UTF8.self)
    }
}
