import PerfV
import Synchronization

/// What Hyper-V's TLFS makes partition-wide rather than per virtual processor: the
/// reference counter's zero and the guest OS id. Shared by every vCPU's `HyperVSyntheticMSRs`.
final class HyperVPartition: Sendable {
    /// CLOCK_MONOTONIC_RAW when the machine was built: TIME_REF_COUNT's zero. RAW because
    /// kvmclock runs at that rate (KVM's master clock reads the unslewed clock), so the
    /// two agree over any interval.
    let startNanoseconds: Int64
    /// HV_X64_MSR_GUEST_OS_ID as a vCPU last wrote it (0 until then, as on Hyper-V).
    let guestOSID = Atomic<UInt64>(0)

    init(startNanoseconds: Int64 = Clock.monotonicRaw.nanoseconds()) {
        self.startNanoseconds = startNanoseconds
    }
}
