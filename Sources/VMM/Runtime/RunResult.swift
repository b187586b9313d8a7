import CGuestABI
import PerfV

/// Everything one VM run produced: what the guest reported and what the host measured.
public struct RunResult: Sendable {
    /// Each vCPU's report (exit status, results, counter snapshots), by vCPU index.
    public var reports: [GuestReport]
    /// The serial console output.
    public var console: String
    /// Each vCPU's virtual counters at the end (host view).
    public var counters: [CounterValues]
    /// KVM exits of the whole run by reason key ("io", "rdmsr", ...), summed over vCPUs.
    public var exitsByReason: [String: UInt64]
    /// Exits that reached the block device (request port or doorbell), summed over vCPUs.
    public var blockDeviceExits: UInt64
    /// Block requests those exits carried (one per exit per-request; a batch per doorbell).
    public var blockDeviceRequests: UInt64
    /// Each vCPU thread's run delay over the run (schedstat), when readable.
    public var runDelayNanoseconds: [UInt64?]
    /// Host wall time from starting the vCPU threads until the last one finished.
    public var hostWallNanoseconds: UInt64
    /// Host time to build the VM (KVM objects, memory, image, registers).
    public var setupNanoseconds: UInt64
    /// Host time from starting the vCPU threads to vCPU 0's first exit (≈ start-up to first guest I/O).
    public var firstExitNanoseconds: UInt64?
    /// Host time from starting the vCPU threads to vCPU 0's last exit (normally its exit
    /// hypercall); `last − first` spans everything the guest did between its first and last exit.
    public var lastExitNanoseconds: UInt64?

    public var exitsTotal: UInt64 { exitsByReason.values.reduce(0, +) }

    /// vCPU 0's value for a result key.
    public func result(_ key: perfv_result_key, vcpu: Int = 0) -> UInt64? {
        reports[vcpu].results[UInt64(key.rawValue)]
    }

    public var checksum: UInt64? { result(PERFV_RESULT_CHECKSUM) }
    public var guestWallNanoseconds: UInt64? { result(PERFV_RESULT_WALL_NS) }
    public var guestStealNanoseconds: UInt64? { result(PERFV_RESULT_STEAL_NS) }

    /// vCPU 0's region with steal taken out on the host; nil when the guest reported no wall or steal.
    public var guestTiming: GuestRegionTiming? {
        guard let wall = guestWallNanoseconds, let steal = guestStealNanoseconds else { return nil }
        return GuestRegionTiming(wall: wall, steal: steal)
    }

    /// `guestTiming`'s steal-adjusted wall time.
    public var guestAdjustedNanoseconds: UInt64? { guestTiming.map { UInt64($0.adjustedNanoseconds) } }
}
