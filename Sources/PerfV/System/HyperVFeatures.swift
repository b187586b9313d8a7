/// Hyper-V's feature leaf, CPUID 0x40000003 (Hyper-V TLFS, "Partition
/// Privilege Flags" in EAX/EBX, feature flags in EDX). What matters to PerfV
/// is the reference TSC page: with it, Linux's hyperv_clocksource_tsc_page
/// reads time in the vDSO; without it every clock read is an MSR exit.
public struct HyperVFeatures: Sendable, Equatable, Codable {
    public var eax: UInt32
    public var ebx: UInt32
    public var edx: UInt32
    /// The EAX privileges by TLFS name, in bit order.
    public var privileges: [String]
    /// EAX bit 9, AccessPartitionReferenceTsc: the reference TSC page.
    public var referenceTSCPage: Bool

    /// EAX bits 0–13 as the TLFS names them.
    public static let privilegeNames = [
        "AccessVpRunTimeReg", "AccessPartitionReferenceCounter", "AccessSynicRegs", "AccessSyntheticTimerRegs",
        "AccessIntrCtrlRegs", "AccessHypercallMsrs", "AccessVpIndex", "AccessResetReg", "AccessStatsReg",
        "AccessPartitionReferenceTsc", "AccessGuestIdleReg", "AccessFrequencyRegs", "AccessDebugRegs",
        "AccessReenlightenmentControls",
    ]

    public init(_ registers: CPUIDRegisters) {
        eax = registers.eax
        ebx = registers.ebx
        edx = registers.edx
        privileges = HyperVFeatures.privilegeNames.enumerated().compactMap { bit, name in
            registers.eax & (1 << UInt32(bit)) != 0 ? name : nil
        }
        referenceTSCPage = registers.eax & (1 << 9) != 0
    }
}
