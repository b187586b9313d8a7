/// Something that answers CPUID queries: the processor itself
/// (`HardwareCPUID`) or, in tests, a table of synthetic leaves.
public protocol CPUIDSource: Sendable {
    /// The registers CPUID returns for `leaf` with ECX = `subleaf`.
    func query(leaf: UInt32, subleaf: UInt32) -> CPUIDRegisters
}

extension CPUIDSource {
    /// The registers CPUID returns for `leaf` with ECX = 0.
    public func query(leaf: UInt32) -> CPUIDRegisters { query(leaf: leaf, subleaf: 0) }
}
