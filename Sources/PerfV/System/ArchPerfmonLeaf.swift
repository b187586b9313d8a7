/// Intel's architectural performance monitoring leaf, CPUID 0xA (Intel SDM
/// vol. 2A, "CPUID—Architectural Performance Monitoring Leaf"). Hypervisors
/// without a virtual PMU return it all zero.
public struct ArchPerfmonLeaf: Sendable, Equatable, Codable {
    /// EAX[7:0]: version (0: no architectural PMU).
    public var version: Int
    /// EAX[15:8]: general-purpose counters per logical CPU.
    public var generalCounters: Int
    /// EAX[23:16]: their width in bits.
    public var generalCounterWidth: Int
    /// EDX[4:0]: fixed-function counters (version ≥ 2).
    public var fixedCounters: Int
    /// EDX[12:5]: their width in bits.
    public var fixedCounterWidth: Int
    /// Architectural events the PMU does not offer: EBX bit set, or beyond
    /// the EBX length EAX[31:24]. Empty when version is 0 (nothing is offered).
    public var missingEvents: [String]

    /// The architectural events in EBX bit order.
    public static let eventNames = [
        "core cycles", "instructions retired", "reference cycles", "LLC references",
        "LLC misses", "branch instructions retired", "branch mispredicts retired", "topdown slots",
    ]

    public init(_ registers: CPUIDRegisters) {
        version = Int(registers.eax & 0xFF)
        generalCounters = Int((registers.eax >> 8) & 0xFF)
        generalCounterWidth = Int((registers.eax >> 16) & 0xFF)
        fixedCounters = version >= 2 ? Int(registers.edx & 0x1F) : 0
        fixedCounterWidth = version >= 2 ? Int((registers.edx >> 5) & 0xFF) : 0
        let length = Int(registers.eax >> 24)
        missingEvents = version == 0 ? [] : ArchPerfmonLeaf.eventNames.enumerated().compactMap { bit, name in
            bit >= length || registers.ebx & (1 << UInt32(bit)) != 0 ? name : nil
        }
    }
}
