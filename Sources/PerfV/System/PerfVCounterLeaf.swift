/// The leaf after PerfV's own hypervisor block (PERFV_CPUID_COUNTERS,
/// 0x40000101 in perfv_guest_abi.h): where PerfV's virtual counter MSRs live.
public struct PerfVCounterLeaf: Sendable, Equatable, Codable {
    /// EAX: first counter MSR (PERFV_MSR_BASE).
    public var msrBase: UInt32
    /// EBX: number of PerfV MSRs from `msrBase` on.
    public var msrCount: UInt32
    /// ECX: version of the host-guest ABI.
    public var abiVersion: UInt32
}
