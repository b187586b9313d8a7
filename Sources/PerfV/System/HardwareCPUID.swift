import CLinux

/// The CPUID instruction of the processor this thread runs on (`perfv_cpuid`).
/// Under a hypervisor the answers are the hypervisor's, which is the point.
public struct HardwareCPUID: CPUIDSource {
    public init() {}

    public func query(leaf: UInt32, subleaf: UInt32) -> CPUIDRegisters {
        var registers = CPUIDRegisters()
        perfv_cpuid(leaf, subleaf, &registers.eax, &registers.ebx, &registers.ecx, &registers.edx)
        return registers
    }
}
