import Foundation
import CPUContention
import Testing
@testable import PerfV

/// The proof that a team region tells the truth about a fork-join region whose
/// *worker* was contended (issue 10, item 3).
///
/// The master, pinned to CPU 0 like OpenMP's thread 0, starts a worker pinned to
/// CPU 1; both run the same CPU-bound work and the master joins the worker. A team
/// region and a plain ``Region`` time it on the master, once alone and right after
/// with a CPU hog on CPU 1 only. The hog makes the worker wait, not the master: the
/// plain region's adjusted time keeps that wait, the team region's removes it.
///
/// Scheduling as in ``RegionStealAdjustmentProofTests``: when permitted, the team and
/// the hog run in SCHED_RR, so the hog and the worker take turns in 100 ms slices and
/// no ordinary task of the shared machine interferes; each run starts after a pause
/// that refills the real-time budget, with ordinary threads keeping both CPUs awake.
@Suite("TeamRegion: fork-join proof", .serialized)
struct TeamRegionContentionProofTests {
    /// Odd, so the median is one pair.
    static let pairs = 3
    /// The adjusted time must land this close to the uncontended wall time…
    static let tolerance = 0.05
    /// …plus the uncontended runs' own spread, at most this much.
    static let noiseCap = 0.05

    struct Run {
        var team: TeamRegionMeasurement
        var master: RegionMeasurement
        var workerPinned: Bool
    }

    /// One fork-join region on CPUs 0 and 1, timed by both region types on the master.
    /// Like an OpenMP pool's, the worker exists before the region and after it: a
    /// thread that exits inside the region is not seen at its end.
    static func forkJoin(iterations: Int, scheduling: ThreadScheduling, hog: CPUHog?) throws -> Run {
        try PinnedThread.run(on: 0, scheduling: scheduling) {
            let ready = DispatchSemaphore(value: 0), fork = DispatchSemaphore(value: 0)
            let join = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
            var workerPinned = false
            // The worker inherits the master's scheduling class and CPU 0, where it would
            // queue behind the master for a whole slice: it moves to CPU 1 before the region.
            let worker = try PinnedThread.start {
                workerPinned = (try? PinnedThread.pinCallingThread(to: 1)) != nil
                ready.signal()
                fork.wait()
                _ = CPUBoundWork.run(iterations: iterations)
                join.signal()
                release.wait()
            }
            defer {
                release.signal()
                pthread_join(worker, nil)
            }
            ready.wait()
            let team = try TeamRegion(excluding: Set(hog.map { [$0.threadID] } ?? []))
            let master = try Region(waitingReads: .always)
            try team.begin()
            try master.begin()
            fork.signal()
            _ = CPUBoundWork.run(iterations: iterations)
            join.wait()
            let masterMeasurement = try master.end()
            return Run(team: try team.end(), master: masterMeasurement, workerPinned: workerPinned)
        }
    }

    /// Ordinary threads keep both vCPUs busy while the real-time budget refills (an idle vCPU runs slower after waking).
    static func refillRealTimeBudget() throws {
        let warm = try (0..<2).map { try CPUHog(cpu: $0, scheduling: .normal) }
        usleep(RegionStealAdjustmentProofTests.budgetRefillMicroseconds)
        warm.forEach { $0.stop() }
    }

    static func critical(_ team: TeamRegionMeasurement) -> TeamThreadMeasurement {
        team.threads.first { $0.threadID == team.criticalThreadID }!
    }

    @Test func teamAdjustedTimeOfAForkJoinWithAContendedWorkerMatchesTheUncontendedRun() throws {
        let cpus = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        guard cpus >= 2 else {
            print("team region proof skipped: \(cpus) CPU online, the experiment needs 2 (master and worker on their own CPUs)")
            return
        }
        let realTime = PinnedThread.permits(.roundRobin)
        let scheduling: ThreadScheduling = realTime ? .roundRobin : .normal
        let iterations = try RegionStealAdjustmentProofTests.calibratedIterations(alone: realTime ? .fifo : .normal)

        var results: [(alone: Run, contended: Run)] = []
        for _ in 0..<Self.pairs {
            if realTime { try Self.refillRealTimeBudget() }
            let alone = try Self.forkJoin(iterations: iterations, scheduling: scheduling, hog: nil)
            if realTime { try Self.refillRealTimeBudget() }
            let hog = try CPUHog(cpu: 1, scheduling: scheduling)
            defer { hog.stop() }
            let contended = try Self.forkJoin(iterations: iterations, scheduling: scheduling, hog: hog)
            results.append((alone, contended))
        }

        let median = RegionStealAdjustmentProofTests.median
        let aloneWalls = results.map { Double($0.alone.team.wallNanoseconds) }
        let noise = min(Self.noiseCap, (aloneWalls.max()! - aloneWalls.min()!) / median(aloneWalls))
        let allowed = Self.tolerance + noise
        func ratio(_ value: (Run) -> Int64) -> Double {
            median(results.map { Double(value($0.contended)) / Double($0.alone.team.wallNanoseconds) })
        }
        let raw = ratio { $0.team.wallNanoseconds }
        let teamAdjusted = ratio { $0.team.adjustedWallNanoseconds }
        let masterAdjusted = ratio { $0.master.adjustedWallNanoseconds }
        func milliseconds(_ values: [Int64]) -> String {
            values.map { String(format: "%.1f", Double($0) / 1e6) }.joined(separator: "/")
        }
        let report = "\(realTime ? "SCHED_RR threads" : "ordinary threads (SCHED_RR not permitted)"), \(Self.pairs) pairs: "
            + "uncontended wall \(milliseconds(results.map { $0.alone.team.wallNanoseconds })) ms "
            + "(team-adjusted \(milliseconds(results.map { $0.alone.team.adjustedWallNanoseconds })), spread \(String(format: "%.1f", noise * 100))%); "
            + "hog on the worker's CPU: wall \(milliseconds(results.map { $0.contended.team.wallNanoseconds })) ms, "
            + "team-adjusted \(milliseconds(results.map { $0.contended.team.adjustedWallNanoseconds })) ms, "
            + "critical thread CPU \(milliseconds(results.map { Self.critical($0.contended.team).cpuNanoseconds })) ms, "
            + "run delay \(milliseconds(results.map { Self.critical($0.contended.team).runDelayNanoseconds })) ms, "
            + "steal \(milliseconds(results.map { Self.critical($0.contended.team).stealNanoseconds })) ms, "
            + "longest CPU \(milliseconds(results.map { $0.contended.team.threads.map(\.cpuNanoseconds).max() ?? 0 })) ms, "
            + "master-only Region adjusted \(milliseconds(results.map { $0.contended.master.adjustedWallNanoseconds })) ms; "
            + "median contended / uncontended: raw \(String(format: "%.2f", raw))x, "
            + "team-adjusted \(String(format: "%+.1f", (teamAdjusted - 1) * 100))%, "
            + "master-only \(String(format: "%+.1f", (masterAdjusted - 1) * 100))% (allowed ±\(String(format: "%.1f", allowed * 100))%)"
        print("team region proof: \(report)")

        #expect(results.allSatisfy { $0.alone.workerPinned && $0.contended.workerPinned }, "the worker could not be pinned to CPU 1")
        #expect(raw > 1.5, "the hog did not slow the fork-join region down: \(report)")
        #expect(abs(teamAdjusted - 1) <= allowed, "\(report)")
        #expect(masterAdjusted - 1 > allowed, "the master-only region should miss the worker's waiting: \(report)")
    }
}
