/// Whether this code runs under a hypervisor and which one(s), from CPUID.
public struct HypervisorInfo: Sendable, Equatable, Codable {
    /// CPUID.1:ECX[31], the bit hypervisors set for their guests.
    public var present: Bool
    /// The first block's signature (the primary hypervisor), e.g. "KVMKVMKVM".
    @AlwaysEncoded public var vendor: String?
    /// The hypervisor the primary signature belongs to, e.g. "KVM".
    public var vendorName: String?
    /// Every block found from 0x40000000 to 0x4000FF00, in leaf order.
    public var signatures: [HypervisorBlock]
    /// What decided `present` and `vendorName`: "cpuid", or "root evidence"
    /// when no CPUID leaves were available (an offline root without a table).
    public var source: String = "cpuid"
    /// The root's own evidence (DMI, /sys/hypervisor, PCI vendors…), whatever the source.
    public var evidence: VirtualizationEvidence? = nil

    /// Highest base leaf scanned: blocks sit every 0x100 leaves up to 0x4000FF00.
    public static let lastBase: UInt32 = 0x4000_FF00

    /// Reads CPUID.1:ECX[31] and, when it is set, scans every hypervisor block.
    /// Without the bit the 0x4000xxxx leaves are not defined (Intel processors
    /// echo a basic leaf there), so nothing is scanned, as Linux does.
    public init(cpuid: some CPUIDSource) {
        let maxBasicLeaf = cpuid.query(leaf: 0).eax
        present = maxBasicLeaf >= 1 && cpuid.query(leaf: 1).ecx & (1 << 31) != 0
        signatures = present
            ? stride(from: UInt32(0x4000_0000), through: HypervisorInfo.lastBase, by: 0x100)
                .compactMap { HypervisorBlock.read(base: $0, cpuid: cpuid) }
            : []
        vendor = signatures.first?.signature
        vendorName = signatures.first?.hypervisor
    }

    /// The verdict from a root's evidence alone, when there are no CPUID leaves.
    public init(evidence: VirtualizationEvidence) {
        present = evidence.cpuinfoHypervisorFlag || evidence.hypervisor != nil
        vendor = nil
        vendorName = evidence.hypervisor
        signatures = []
        source = "root evidence"
        self.evidence = evidence
    }

    /// The first block with `signature`, e.g. KVM's when another hypervisor is primary.
    public func block(signature: String) -> HypervisorBlock? {
        signatures.first { $0.signature == signature }
    }
}
