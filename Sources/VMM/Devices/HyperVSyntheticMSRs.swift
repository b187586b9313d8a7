import CGuestABI
import PerfV

/// Hyper-V's synthetic MSRs for one vCPU under the `hyperv` personality (Hyper-V TLFS),
/// answered on that vCPU's thread through the user-space MSR filter. Any other MSR of
/// the trapped Hyper-V range is not answered, so the guest gets #GP.
final class HyperVSyntheticMSRs {
    /// CLOCK_MONOTONIC_RAW when the machine was built: TIME_REF_COUNT's zero. RAW because
    /// kvmclock runs at that rate (KVM's master clock reads the unslewed clock), so the
    /// two agree over any interval.
    private let partitionStartNanoseconds: Int64
    /// The vCPU thread's CPU time when it started running the guest: VP_RUNTIME's zero.
    private var runtimeBaseNanoseconds: Int64 = 0
    /// HV_X64_MSR_GUEST_OS_ID as the guest last wrote it (0 until then, as on Hyper-V).
    private(set) var guestOSID: UInt64 = 0

    init(partitionStartNanoseconds: Int64) {
        self.partitionStartNanoseconds = partitionStartNanoseconds
    }

    /// Takes VP_RUNTIME's zero. Call on the vCPU thread before its first KVM_RUN.
    func attachToCurrentThread() {
        runtimeBaseNanoseconds = Clock.threadCPUTime.nanoseconds()
    }

    /// RDMSR: the value, or nil for #GP.
    func read(_ msr: UInt32) -> UInt64? {
        switch msr {
        case PERFV_HV_MSR_GUEST_OS_ID:
            return guestOSID
        case PERFV_HV_MSR_VP_RUNTIME:
            return HyperVSyntheticMSRs.hundredNanosecondUnits(Clock.threadCPUTime.nanoseconds() - runtimeBaseNanoseconds)
        case PERFV_HV_MSR_TIME_REF_COUNT:
            return HyperVSyntheticMSRs.hundredNanosecondUnits(Clock.monotonicRaw.nanoseconds() - partitionStartNanoseconds)
        default:
            return nil
        }
    }

    /// WRMSR: false for #GP (every MSR but GUEST_OS_ID is read-only or not implemented).
    func write(_ msr: UInt32, _ value: UInt64) -> Bool {
        guard msr == PERFV_HV_MSR_GUEST_OS_ID else { return false }
        guestOSID = value
        return true
    }

    /// Nanoseconds in the TLFS's 100 ns units (a clock that went back reads 0).
    static func hundredNanosecondUnits(_ nanoseconds: Int64) -> UInt64 {
        UInt64(max(0, nanoseconds)) / 100
    }
}
