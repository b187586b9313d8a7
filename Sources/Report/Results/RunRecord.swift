/// One measured repetition of one ``SweepCase``: every number the sweep recorded for it.
///
/// Times are nanoseconds. Host runs are measured by a PerfV region around the kernel;
/// guest runs by the guest itself (kvmclock for time, KVM's steal-time record for
/// steal) around the same kernel, plus the VMM's view of the whole VM run.
public struct RunRecord: Codable, Equatable, Sendable {
    /// The case this record belongs to (stored flat beside the record's own fields).
    public var sweepCase: SweepCase
    /// 0-based among the measured repetitions (warm-ups are not recorded).
    public var repetition: Int

    /// Elapsed time of the measured work.
    public var wallNs: Int64
    /// CPU time of the worker thread (host) — nil in the guest, which has no such clock.
    public var threadCPUNs: Int64?
    /// CPU time of the whole process (host only).
    public var processCPUNs: Int64?
    /// Time the hypervisor gave this CPU to someone else: host — steal of the CPUs the
    /// thread ran on (/proc/stat); guest — KVM's steal-time record for the vCPU.
    public var stealNs: Int64
    /// Why ``stealNs`` is not the measured value (``StealClamp``'s text), or nil when it is.
    public var stealClamp: String?
    /// Host only: time the worker waited runnable for a CPU during the measured work
    /// (/proc/thread-self/schedstat field 2). Guest rows leave it empty: the host sees
    /// the vCPU thread's delay only over the whole VM run (``vmRunDelayNs``).
    public var runDelayNs: Int64?
    /// `wallNs` minus the time the work could not run (see ``RunRecord/adjustmentNote``).
    public var adjustedNs: Int64

    /// Guest only: the host's wall time of the whole VM run, creation to exit.
    public var vmTotalNs: Int64?
    /// Guest only: the vCPU thread's run delay over the whole VM run (the host's view),
    /// to compare with ``vmTotalNs``, not with the guest's measured interval.
    public var vmRunDelayNs: Int64?
    /// Guest only: VM exits during the run, all reasons.
    public var exitsTotal: Int64?
    /// Guest only: VM exits by reason (io, mmio, msr, hlt, …).
    public var exitsByReason: [String: Int64]?
    /// Guest only: time the VMM spent handling exits in user space.
    public var exitHandlingNs: Int64?
    /// Guest only: port-I/O exits made outside the measured work (console bytes and
    /// hypercalls, all after the region ends); the rest of the `io` exits happened in it.
    public var exitsOutsideWork: Int64?

    /// FNV-1a 64 of the result matrix (MMM), as 16 hex digits.
    public var checksum: String?
    /// I/O: bytes written plus bytes read; network: payload bytes sent.
    public var bytesMoved: Int64?
    /// I/O: write requests plus read requests; network: datagrams sent.
    public var requests: Int64?
    /// Counter values of the region's (host) or the VM's (guest) event set, by qualified name.
    public var counters: [String: Int64]

    public init(
        sweepCase: SweepCase, repetition: Int, wallNs: Int64, threadCPUNs: Int64? = nil,
        processCPUNs: Int64? = nil, stealNs: Int64, stealClamp: String? = nil, runDelayNs: Int64? = nil, adjustedNs: Int64,
        vmTotalNs: Int64? = nil, vmRunDelayNs: Int64? = nil, exitsTotal: Int64? = nil, exitsByReason: [String: Int64]? = nil,
        exitHandlingNs: Int64? = nil, checksum: String? = nil, bytesMoved: Int64? = nil,
        requests: Int64? = nil, counters: [String: Int64] = [:]
    ) {
        self.sweepCase = sweepCase
        self.repetition = repetition
        self.wallNs = wallNs
        self.threadCPUNs = threadCPUNs
        self.processCPUNs = processCPUNs
        self.stealNs = stealNs
        self.stealClamp = stealClamp
        self.runDelayNs = runDelayNs
        self.adjustedNs = adjustedNs
        self.vmTotalNs = vmTotalNs
        self.vmRunDelayNs = vmRunDelayNs
        self.exitsTotal = exitsTotal
        self.exitsByReason = exitsByReason
        self.exitHandlingNs = exitHandlingNs
        self.checksum = checksum
        self.bytesMoved = bytesMoved
        self.requests = requests
        self.counters = counters
    }

    /// ``SweepCase/id`` of the case.
    public var caseID: String { sweepCase.id }

    /// Exits of `reason` during the measured work: all of them, less (for `io`) the
    /// port exits counted outside it.
    public func exitsDuringWork(_ reason: String) -> Int64 {
        let all = exitsByReason?[reason] ?? 0
        guard reason == "io", let outside = exitsOutsideWork else { return all }
        return max(0, all - outside)
    }

    /// I/O or network throughput in MB/s (10⁶ bytes per second) over the wall time.
    public var megabytesPerSecond: Double? {
        guard let bytesMoved, wallNs > 0 else { return nil }
        return Double(bytesMoved) / Double(wallNs) * 1e3
    }

    /// I/O requests (or network packets) per second over the wall time.
    public var requestsPerSecond: Double? {
        guard let requests, wallNs > 0 else { return nil }
        return Double(requests) / Double(wallNs) * 1e9
    }

    enum CodingKeys: String, CodingKey {
        case caseID = "case_id", repetition
        case wallNs = "wall_ns", threadCPUNs = "thread_cpu_ns", processCPUNs = "process_cpu_ns"
        case stealNs = "steal_ns", stealClamp = "steal_clamped", runDelayNs = "run_delay_ns", adjustedNs = "adjusted_ns"
        case vmTotalNs = "vm_total_ns", vmRunDelayNs = "vm_run_delay_ns", exitsTotal = "exits_total", exitsByReason = "exits_by_reason"
        case exitHandlingNs = "exit_handling_ns", exitsOutsideWork = "exits_outside_work", checksum, bytesMoved = "bytes_moved", requests
        case megabytesPerSecond = "mb_per_s", requestsPerSecond = "requests_per_s", counters
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sweepCase = try SweepCase(from: decoder)
        repetition = try c.decode(Int.self, forKey: .repetition)
        wallNs = try c.decode(Int64.self, forKey: .wallNs)
        threadCPUNs = try c.decodeIfPresent(Int64.self, forKey: .threadCPUNs)
        processCPUNs = try c.decodeIfPresent(Int64.self, forKey: .processCPUNs)
        stealNs = try c.decode(Int64.self, forKey: .stealNs)
        stealClamp = try c.decodeIfPresent(String.self, forKey: .stealClamp)
        runDelayNs = try c.decodeIfPresent(Int64.self, forKey: .runDelayNs)
        adjustedNs = try c.decode(Int64.self, forKey: .adjustedNs)
        vmTotalNs = try c.decodeIfPresent(Int64.self, forKey: .vmTotalNs)
        vmRunDelayNs = try c.decodeIfPresent(Int64.self, forKey: .vmRunDelayNs)
        exitsTotal = try c.decodeIfPresent(Int64.self, forKey: .exitsTotal)
        exitsByReason = try c.decodeIfPresent([String: Int64].self, forKey: .exitsByReason)
        exitHandlingNs = try c.decodeIfPresent(Int64.self, forKey: .exitHandlingNs)
        exitsOutsideWork = try c.decodeIfPresent(Int64.self, forKey: .exitsOutsideWork)
        checksum = try c.decodeIfPresent(String.self, forKey: .checksum)
        bytesMoved = try c.decodeIfPresent(Int64.self, forKey: .bytesMoved)
        requests = try c.decodeIfPresent(Int64.self, forKey: .requests)
        counters = try c.decodeIfPresent([String: Int64].self, forKey: .counters) ?? [:]
    }

    public func encode(to encoder: Encoder) throws {
        try sweepCase.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(caseID, forKey: .caseID)
        try c.encode(repetition, forKey: .repetition)
        try c.encode(wallNs, forKey: .wallNs)
        try c.encodeIfPresent(threadCPUNs, forKey: .threadCPUNs)
        try c.encodeIfPresent(processCPUNs, forKey: .processCPUNs)
        try c.encode(stealNs, forKey: .stealNs)
        try c.encodeIfPresent(stealClamp, forKey: .stealClamp)
        try c.encodeIfPresent(runDelayNs, forKey: .runDelayNs)
        try c.encode(adjustedNs, forKey: .adjustedNs)
        try c.encodeIfPresent(vmTotalNs, forKey: .vmTotalNs)
        try c.encodeIfPresent(vmRunDelayNs, forKey: .vmRunDelayNs)
        try c.encodeIfPresent(exitsTotal, forKey: .exitsTotal)
        try c.encodeIfPresent(exitsByReason, forKey: .exitsByReason)
        try c.encodeIfPresent(exitHandlingNs, forKey: .exitHandlingNs)
        try c.encodeIfPresent(exitsOutsideWork, forKey: .exitsOutsideWork)
        try c.encodeIfPresent(checksum, forKey: .checksum)
        try c.encodeIfPresent(bytesMoved, forKey: .bytesMoved)
        try c.encodeIfPresent(requests, forKey: .requests)
        try c.encodeIfPresent(megabytesPerSecond, forKey: .megabytesPerSecond)
        try c.encodeIfPresent(requestsPerSecond, forKey: .requestsPerSecond)
        try c.encode(counters, forKey: .counters)
    }
}
