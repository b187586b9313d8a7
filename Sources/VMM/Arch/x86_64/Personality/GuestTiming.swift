/// The frequencies a personality promises the guest (VMware's timing leaf and GETHZ).
public struct GuestTiming: Sendable, Equatable {
    /// The guest's TSC rate as KVM runs it (KVM_GET_TSC_KHZ on the vCPU).
    public var tscKilohertz: UInt32
    /// The local APIC timer's bus: KVM emulates it at 1 GHz (APIC_BUS_CYCLE_NS = 1,
    /// KVM_CAP_X86_APIC_BUS_CYCLES_NS's default). This VM creates no in-kernel APIC, so
    /// the figure is what a KVM APIC would run at, not a timer the guest can use.
    public var apicBusKilohertz: UInt32 = 1_000_000
}
