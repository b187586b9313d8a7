import CGuestABI
import PerfV

/// Hyper-V's synthetic MSRs for one vCPU under the `hyperv` personality (Hyper-V TLFS),
/// answered on that vCPU's thread through the user-space MSR filter. Any other MSR of
/// the trapped Hyper-V range is not answered, so the guest gets #GP.
final class HyperVSyntheticMSRs {
    /// The MSRs the filter traps for the `hyperv` personality.
    static let trappedRange = PERFV_HV_MSR_FIRST..<PERFV_HV_MSR_FIRST + PERFV_HV_MSR_COUNT

    private let partition: HyperVPartition
    /// The vCPU thread's CPU time when it started running the guest: VP_RUNTIME's zero.
    private var runtimeBaseNanoseconds: Int64 = 0

    init(partition: HyperVPartition) {
        self.partition = partition
    }

    /// Takes VP_RUNTIME's zero. Call on the vCPU thread before its first KVM_RUN.
    func attachToCurrentThread() {
        runtimeBaseNanoseconds = Clock.threadCPUTime.nanoseconds()
    }

    /// RDMSR: the value, or nil for #GP.
    func read(_ msr: UInt32) -> UInt64? {
        switch msr {
        case PERFV_HV_MSR_GUEST_OS_ID:
            return partition.guestOSID.load(ordering: .relaxed)
        case PERFV_HV_MSR_VP_RUNTIME:
            return HyperVSyntheticMSRs.hundredNanosecondUnits(Clock.threadCPUTime.nanoseconds() - runtimeBaseNanoseconds)
        case PERFV_HV_MSR_TIME_REF_COUNT:
            return HyperVSyntheticMSRs.hundredNanosecondUnits(Clock.monotonicRaw.nanoseconds() - partition.startNanoseconds)
        default:
            return nil
        }
    }

    /// WRMSR: false for #GP (every MSR but GUEST_OS_ID is read-only or not implemented).
    func write(_ msr: UInt32, _ value: UInt64) -> Bool {
        guard msr == PERFV_HV_MSR_GUEST_OS_ID else { return false }
        partition.guestOSID.store(value, ordering: .relaxed)
        return true
    }

    /// Nanoseconds in the TLFS's 100 ns units (a clock that went back reads 0).
    static func hundredNanosecondUnits(_ nanoseconds: Int64) -> UInt64 {
        UInt64(max(0, nanoseconds)) / 100
    }
}
