import CPUContention
import Foundation
import PerfV
import Report
import Synchronization
import SystemCalls
import VMM

/// Runs a ``SweepPlan``: every case on the host and in PerfV VMs, with and without a
/// pinned CPU hog; calibrates the cost of one VM exit; writes results.json and
/// results.csv after every case and report.html at the end.
///
/// All measured work happens on one worker thread pinned to the last online CPU;
/// each VM's vCPU thread is pinned to that CPU too, and so is the hog, so host and
/// guest runs see the same core and the contention runs share it with the hog.
/// The cases a comparison needs run interleaved (``comparisonGroups(_:)``).
/// A SIGINT/SIGTERM (``InterruptSignal``) stops the sweep after the current run;
/// the files then hold every run finished so far and say `"status": "interrupted"`.
/// Any error that stops the sweep leaves them saying `"status": "failed"`, never `"running"`.
public final class Sweep {
    public let plan: SweepPlan
    /// The part of ``plan`` this sweep runs (``SweepShard`` describes the partition).
    public let shard: SweepShard
    /// Writes into the requested directory until ``run()`` claims one (``OutputDirectory/claim(now:)``),
    /// then into the claimed one.
    public private(set) var writer: ResultsWriter
    public let commandLine: [String]
    public let perfvVersion: String
    private let progressStyle: ProgressReporter.Style?
    private let kvmPath: String
    /// The CPU the worker, the vCPU threads and the hog are pinned to.
    public let workerCPU: Int

    public init(plan: SweepPlan, output: OutputDirectory, commandLine: [String], perfvVersion: String,
                progressStyle: ProgressReporter.Style? = nil, kvmPath: String = KVMSystem.defaultPath,
                shard: SweepShard = .whole) {
        self.plan = plan
        self.shard = shard
        writer = ResultsWriter(directory: output)
        self.commandLine = commandLine
        self.perfvVersion = perfvVersion
        self.progressStyle = progressStyle
        self.kvmPath = kvmPath
        workerCPU = max(0, sysconf(Int32(_SC_NPROCESSORS_ONLN)) - 1)
    }

    /// Runs the sweep on a dedicated worker thread and returns the final results.
    /// Throws only when the output files cannot be written; a failing case is recorded
    /// in ``SweepResults/failures`` and the sweep goes on.
    public func run() throws -> SweepResults {
        let requested = writer.directory
        writer = ResultsWriter(directory: try requested.claim())
        defer { writer.directory.release() }
        if writer.directory.path != requested.path, !requested.isNewSubfolder {
            FileHandle.standardError.write(Data("\(requested.path) is in use by another run; writing into \(writer.directory.path)\n".utf8))
        }
        let outcome = Mutex<Result<SweepResults, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let worker = Thread { [self] in
            let result = Result { try runOnWorker() }
            outcome.withLock { $0 = result }
            done.signal()
        }
        worker.name = "perfv-sweep-worker"
        worker.stackSize = 8 << 20
        worker.start()
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    private func runOnWorker() throws -> SweepResults {
        var results = SweepResults(perfvVersion: perfvVersion, commandLine: commandLine,
                                   startedAt: Self.timestamp(), machine: SystemInfo.gatherWithKVMProbe(), plan: plan,
                                   node: try? SystemCall.nodeName(),
                                   slurm: SlurmContext(environment: ProcessInfo.processInfo.environment), shard: shard)
        do {
            try runCases(&results)
        } catch {
            // Whatever stopped the sweep, the files must not go on saying "running".
            results.status = .failed
            results.failures.append(CaseFailure(caseID: "sweep", message: "\(error)"))
            results.finishedAt = Self.timestamp()
            results.reanalyze()
            try? writer.writeAll(results)
            throw error
        }
        return results
    }

    private func runCases(_ results: inout SweepResults) throws {
        try PinnedThread.pinCallingThread(to: workerCPU)
        var effective = plan
        if plan.sides.contains(.guest), let reason = GuestRunner.unavailableReason(kvmPath: kvmPath) {
            effective = plan.hostOnly
            results.skipped.append(SkippedPart(what: "virtualized (guest) runs", reason: reason))
        }
        let region = try makeRegion(&results)
        try writer.writeData(results)

        let groups = shard.select(Self.comparisonGroups(effective.cases))
        let cases = groups.flatMap { $0 }
        let runsPerCase = effective.warmups + effective.repetitions
        let progress = ProgressReporter(cases: cases, runsPerCase: runsPerCase, style: progressStyle)
        for part in results.skipped { progress.note("skipped \(part.what): \(part.reason)") }
        let guest = GuestRunner(cpu: workerCPU, timeoutSeconds: effective.guestTimeoutSeconds)

        if effective.sides.contains(.guest), effective.sides.contains(.host), effective.calibrationExits > 0,
           InterruptSignal.pending == nil {
            progress.note("calibrating the cost of one VM exit (\(effective.calibrationExits) port-I/O exits per run)…")
            do {
                results.exitCosts = [try calibrateExitCost(region: region, guest: guest, plan: effective)]
            } catch {
                results.failures.append(CaseFailure(caseID: "calibration/io-exit", message: "\(error)"))
            }
            try writer.writeData(results)
        }

        var lastWrite = Date()
        for group in groups {
            if InterruptSignal.pending != nil { break }
            var failures: [String: String] = [:]
            for index in 0..<runsPerCase {
                for sweepCase in group where failures[sweepCase.id] == nil {
                    if InterruptSignal.pending != nil { break }
                    progress.start(sweepCase, run: index)
                    do {
                        let hog = sweepCase.contention == .pinnedHog ? try CPUHog(cpu: workerCPU) : nil
                        defer { hog?.stop() }
                        let run = try runOnce(sweepCase, repetition: index - effective.warmups, region: region, guest: guest)
                        if index >= effective.warmups { results.runs.append(run) }
                    } catch let error as OutputError {
                        throw error
                    } catch {
                        failures[sweepCase.id] = "\(error)"
                        results.failures.append(CaseFailure(caseID: sweepCase.id, message: "\(error)"))
                    }
                    progress.runFinished()
                    // Long cases still reach the files every so often, not only at their end.
                    if Date().timeIntervalSince(lastWrite) > Self.writeInterval {
                        results.reanalyze()
                        try writer.writeData(results)
                        lastWrite = Date()
                    }
                }
            }
            results.reanalyze()
            for sweepCase in group {
                progress.finish(sweepCase, summary: results.analysis.summary(sweepCase), failure: failures[sweepCase.id])
            }
            try writer.writeData(results)
            lastWrite = Date()
        }
        progress.close()
        results.status = InterruptSignal.pending == nil ? .complete : .interrupted
        results.finishedAt = Self.timestamp()
        results.reanalyze()
        try writer.writeAll(results)
    }

    /// The cases in groups of the same work that the report compares — host and guest,
    /// uncontended and contended (MMM of one size and kernel), or the host and guest
    /// I/O modes (one block size) or network modes (one packet size) — in plan order. A group's runs alternate between
    /// its cases, so a slow drift of the machine's speed (this host is itself a VM
    /// whose speed changes in spells of seconds) affects every side of a comparison
    /// alike instead of biasing it.
    static func comparisonGroups(_ cases: [SweepCase]) -> [[SweepCase]] {
        var groups: [[SweepCase]] = []
        var indexByKey: [SweepCase: Int] = [:]
        for sweepCase in cases {
            let key: SweepCase = switch sweepCase {
            case let .mmm(mmm): .mmm(size: mmm.size, kernel: mmm.kernel, side: .host, contention: .none)
            case .io, .net: sweepCase.hostBaseline
            }
            if let index = indexByKey[key] {
                groups[index].append(sweepCase)
            } else {
                indexByKey[key] = groups.count
                groups.append([sweepCase])
            }
        }
        return groups
    }

    /// I/O scratch files go into the claimed output directory: the results' file system, this run's alone.
    private func runOnce(_ sweepCase: SweepCase, repetition: Int, region: Region, guest: GuestRunner) throws -> RunRecord {
        switch sweepCase {
        case let .mmm(mmm) where mmm.side == .host:
            let runner = try HostMMMRunner(size: mmm.size, kernel: mmm.kernel)
            let (measurement, checksum) = try runner.run(in: region)
            return RunRecord(hostCase: sweepCase, repetition: repetition, measurement: measurement,
                             checksum: ChecksumText.hex(checksum))
        case let .mmm(mmm):
            return try guest.mmm(mmm, repetition: repetition)
        case let .io(io):
            switch io.route {
            case .systemCalls:
                let runner = try HostIORunner(scratchDirectory: writer.directory.path, blockSize: io.blockSize, blockCount: io.blockCount)
                let outcome = try runner.run(in: region)
                var run = RunRecord(hostCase: sweepCase, repetition: repetition, measurement: outcome.measurement,
                                    checksum: ChecksumText.hex(outcome.checksum))
                run.bytesMoved = Int64(outcome.bytes)
                run.requests = Int64(outcome.requests)
                return run
            case let .guest(mode):
                return try guest.io(io, mode: mode, repetition: repetition, scratchDirectory: writer.directory.path)
            }
        case let .net(net):
            switch net.route {
            case .socket:
                let outcome = try HostNetRunner(packetSize: net.packetSize, packetCount: net.packetCount).run(in: region)
                var run = RunRecord(hostCase: sweepCase, repetition: repetition, measurement: outcome.measurement,
                                    checksum: ChecksumText.hex(outcome.checksum))
                run.bytesMoved = Int64(outcome.bytes)
                run.requests = Int64(outcome.packets)
                return run
            case let .guest(mode):
                return try guest.net(net, mode: mode, repetition: repetition)
            }
        }
    }

    /// The cost of one port-I/O exit, measured: pairs of runs that make the same
    /// tiny block requests on the host (pwrite/pread) and in the guest (one exit per
    /// request); cost = (guest time − host time) ÷ exits during the guest's work, both
    /// times steal-adjusted so that other load on the machine cancels out.
    /// It is the time an exit adds to the same work done natively.
    private func calibrateExitCost(region: Region, guest: GuestRunner, plan: SweepPlan) throws -> ExitCost {
        let (hostCase, guestCase) = ExitCostCalibration.cases(exits: plan.calibrationExits)
        let blocks = guestCase.blockCount
        let blockBytes = guestCase.blockSize
        var samples: [Double] = []
        var exitsPerRun: Int64 = 0
        for _ in 0..<(plan.warmups + plan.repetitions) {
            if InterruptSignal.pending != nil { break }
            let host = try HostIORunner(scratchDirectory: writer.directory.path, blockSize: blockBytes, blockCount: blocks).run(in: region)
            let run = try guest.io(guestCase, mode: .perRequest, repetition: 0, scratchDirectory: writer.directory.path)
            let exits = run.exitsDuringWork("io")
            guard exits > 0 else { throw SweepError.missingGuestResult(caseID: run.caseID, what: "port-I/O exits") }
            exitsPerRun = exits
            samples.append(Double(run.adjustedNs - host.measurement.adjustedWallNanoseconds) / Double(exits))
        }
        let measured = Array(samples.dropFirst(min(plan.warmups, max(0, samples.count - 1))))
        guard let summary = Summary(measured) else { throw SweepError.missingGuestResult(caseID: SweepCase.io(hostCase).id, what: "calibration samples") }
        return ExitCost(reason: "io", nanosecondsPerExit: summary, exitsPerRun: exitsPerRun, method: ExitCostCalibration.method(blocks: blocks, blockBytes: blockBytes))
    }

    /// A region with the software counters when perf_event allows them; otherwise a
    /// region without counters, and the reason in the results.
    ///
    /// The results record every field, so the region reads everything: a run lasts
    /// milliseconds, against which the reads cost nothing.
    private func makeRegion(_ results: inout SweepResults) throws -> Region {
        do {
            return try Region(events: try EventSet(events: Self.hostEvents), waitingReads: .always, measuresProcessCPU: true)
        } catch {
            results.skipped.append(SkippedPart(what: "host counters (\(Self.hostEvents.joined(separator: ", ")))", reason: "\(error)"))
            return try Region(waitingReads: .always, measuresProcessCPU: true)
        }
    }

    /// Within a case, the files are rewritten at most this often (seconds).
    static let writeInterval = 1.0

    static let hostEvents = ["perf::task-clock", "perf::page-faults", "perf::context-switches"]


    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
