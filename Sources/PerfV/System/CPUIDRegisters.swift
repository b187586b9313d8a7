/// The four registers one CPUID leaf returns.
public struct CPUIDRegisters: Sendable, Equatable, Hashable {
    public var eax: UInt32
    public var ebx: UInt32
    public var ecx: UInt32
    public var edx: UInt32

    public init(eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0) {
        self.eax = eax
        self.ebx = ebx
        self.ecx = ecx
        self.edx = edx
    }

    public static let zero = CPUIDRegisters()

    /// The 12 bytes of `first`, `second`, `third` in little-endian order: the
    /// layout of vendor (EBX, EDX, ECX) and hypervisor (EBX, ECX, EDX) signatures.
    static func bytes(_ first: UInt32, _ second: UInt32, _ third: UInt32) -> [UInt8] {
        [first, second, third].flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
    }
}
