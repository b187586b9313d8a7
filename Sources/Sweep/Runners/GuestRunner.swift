import CGuestABI
import PerfV
import Report
import VMM

/// Runs one workload in a fresh PerfV VM per repetition (Sources/VMM's ``Machine``),
/// its single vCPU thread pinned to the sweep's worker CPU, and turns the
/// ``RunResult`` into a ``RunRecord``.
///
/// Guest times come from the guest itself (kvmclock, KVM steal time) around the
/// measured work only — the multiply, or the device requests — as on the host.
struct GuestRunner {
    let cpu: Int
    let timeoutSeconds: Double

    /// Why guest runs cannot happen here, or nil when /dev/kvm is ready: the VMM's own
    /// probe, the one `perfv-report info` reports (a VM that then fails to boot is a run error).
    static func unavailableReason(kvmPath: String = KVMSystem.defaultPath) -> String? {
        let kvm = KVMSystem.probe(path: kvmPath)
        return kvm.available ? nil : kvm.reason
    }

    func mmm(_ mmm: MMMCase, repetition: Int) throws -> RunRecord {
        let sweepCase = SweepCase.mmm(mmm), size = mmm.size
        var configuration = baseConfiguration(.mmm(size: UInt32(size), kernel: mmm.kernel, blockSize: HostMMMRunner.blockSize))
        configuration.memoryBytes = MachineConfiguration.memoryBytes(forDataBytes: UInt64(sweepCase.dataBytes))
        let result = try Machine(configuration).run()
        guard let checksum = result.checksum else { throw SweepError.missingGuestResult(caseID: sweepCase.id, what: "checksum") }
        return try record(sweepCase, repetition: repetition, result: result, checksum: checksum)
    }

    /// `mode` is the guest route of `io`. The host file backing the VM's block device is made in `scratchDirectory`.
    func io(_ io: IOCase, mode: Workload.IOMode, repetition: Int, scratchDirectory: String) throws -> RunRecord {
        let sweepCase = SweepCase.io(io), blocks = io.blockCount, bytes = io.blockSize
        let file = try ScratchFile(in: scratchDirectory)
        try file.resize(to: blocks * bytes)
        var configuration = baseConfiguration(.io(blocks: UInt32(blocks), blockBytes: UInt32(bytes), mode: mode))
        configuration.memoryBytes = MachineConfiguration.memoryBytes(forDataBytes: UInt64(sweepCase.dataBytes))
        configuration.blockDevicePath = file.devicePath
        let result = try withExtendedLifetime(file) { try Machine(configuration).run() }
        guard let checksum = result.checksum else { throw SweepError.missingGuestResult(caseID: sweepCase.id, what: "checksum") }
        var run = try record(sweepCase, repetition: repetition, result: result, checksum: checksum)
        run.bytesMoved = result.result(PERFV_RESULT_BYTES).map { Int64(clamping: $0) }
        run.requests = result.result(PERFV_RESULT_REQUESTS).map { Int64(clamping: $0) }
        return run
    }

    /// `mode` is the guest route of `net`. The VMM's network device sends to a fresh
    /// ``PacketReceiver``, which checks afterwards that every packet arrived intact and in order.
    func net(_ net: NetCase, mode: Workload.NetMode, repetition: Int) throws -> RunRecord {
        let sweepCase = SweepCase.net(net)
        let receiver = try PacketReceiver(packetCount: net.packetCount, packetSize: net.packetSize)
        var configuration = baseConfiguration(.net(packets: UInt32(net.packetCount), packetBytes: UInt32(net.packetSize),
                                                   mode: mode, batch: UInt32(NetCase.batchPackets)))
        configuration.memoryBytes = MachineConfiguration.memoryBytes(forDataBytes: UInt64(sweepCase.dataBytes))
        configuration.networkDestinationPort = receiver.port
        let result = try Machine(configuration).run()
        try receiver.verify()
        guard let checksum = result.checksum else { throw SweepError.missingGuestResult(caseID: sweepCase.id, what: "checksum") }
        var run = try record(sweepCase, repetition: repetition, result: result, checksum: checksum)
        run.bytesMoved = result.result(PERFV_RESULT_BYTES).map { Int64(clamping: $0) }
        run.requests = result.result(PERFV_RESULT_REQUESTS).map { Int64(clamping: $0) }
        return run
    }

    private func baseConfiguration(_ workload: VMM.Workload) -> MachineConfiguration {
        var configuration = MachineConfiguration(workload: workload)
        configuration.vcpuCount = 1
        configuration.pinnedCPUs = [cpu]
        configuration.timeoutSeconds = timeoutSeconds
        return configuration
    }

    private func record(_ sweepCase: SweepCase, repetition: Int, result: RunResult, checksum: UInt64) throws -> RunRecord {
        guard result.guestWallNanoseconds != nil else { throw SweepError.missingGuestResult(caseID: sweepCase.id, what: "wall time") }
        guard let timing = result.guestTiming else { throw SweepError.missingGuestResult(caseID: sweepCase.id, what: "steal time") }
        let counters = result.counters.first
        var byName: [String: Int64] = [:]
        for (name, value) in counters?.byName ?? [:] { byName["vmm::\(name)"] = Int64(clamping: value) }
        var run = RunRecord(
            sweepCase: sweepCase, repetition: repetition,
            wallNs: timing.wallNanoseconds, stealNs: timing.stealNanoseconds, stealClamp: timing.stealClamp?.description,
            adjustedNs: timing.adjustedNanoseconds,
            vmTotalNs: Int64(clamping: result.setupNanoseconds + result.hostWallNanoseconds),
            vmRunDelayNs: result.runDelayNanoseconds.first.flatMap { $0 }.map { Int64(clamping: $0) },
            exitsTotal: Int64(clamping: result.exitsTotal),
            exitsByReason: result.exitsByReason.mapValues { Int64(clamping: $0) },
            exitHandlingNs: counters?[.exitHandlingNanoseconds].map { Int64(clamping: $0) },
            checksum: ChecksumText.hex(checksum), counters: byName)
        run.exitsOutsideWork = Int64(Self.portExitsOutsideWork(result))
        return run
    }

    /// Port-I/O exits the run made outside its measured work: one per console byte
    /// (the serial device takes one byte per OUT) and one per hypercall (results,
    /// snapshots, the exit) — all issued after the measured region ends.
    static func portExitsOutsideWork(_ result: RunResult) -> Int {
        let hypercalls = result.reports.reduce(0) { total, report in
            total + report.results.count + report.snapshots.count + (report.exitStatus == nil ? 0 : 1)
        }
        return result.console.utf8.count + hypercalls
    }
}
