/// The generic hypervisor timing leaf (base + 0x10, VMware's convention that
/// KVM/QEMU also offer): frequencies the hypervisor promises the guest.
public struct HypervisorTimingLeaf: Sendable, Equatable, Codable {
    /// EAX: (virtual) TSC frequency in kHz.
    public var tscKilohertz: UInt32
    /// EBX: (virtual) local APIC bus frequency in kHz.
    public var apicBusKilohertz: UInt32
}
