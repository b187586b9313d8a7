import Foundation
import CPUContention
import Testing
@testable import PerfV

/// The proof that the steal adjustment removes contention it should remove.
///
/// A CPU-bound region runs on a thread pinned to CPU 0, alone and with a CPU hog
/// pinned to the same CPU. The hog takes about half of the core, so the raw wall
/// time roughly doubles; the adjusted time must stay within 15% of the uncontended
/// wall time.
///
/// The experiment must control who competes for CPU 0 on a machine that other work
/// shares (two cores, parallel tests, other builds). Background tasks do more than
/// queue ahead of the region, which the adjustment handles: they also slow the
/// region's own instructions (cache, TLB and interrupt pollution), which no
/// subtraction can undo and which is not what this test is about. So, when the
/// process may (root), the threads run in real-time classes that no ordinary task
/// can preempt: the baseline in SCHED_FIFO, truly alone (its run delay is checked
/// to be near zero); the contended region and the hog both in SCHED_RR at one
/// priority, taking turns on the core like two processes would. Linux lets
/// real-time tasks use at most 950 ms of each second (sched_rt_runtime_us), so each
/// baseline run starts after a pause that refills that budget, with an ordinary
/// thread keeping CPU 0 busy meanwhile (here an idle vCPU runs up to ~40% slower
/// for a while after it wakes). Without the right to real-time classes the test
/// runs ordinary threads and says so in its report.
///
/// The host is shared as well: the same work's CPU time varied from 380 to 730 ms
/// here (the other vCPU's load, the host's), invisible to the guest, in spells of
/// seconds. So the runs come in pairs, an uncontended run and
/// right after it a contended one, and the test compares each contended run with
/// its own baseline, taking the median of nine pairs.
@Suite("Region: steal adjustment proof", .serialized)
struct RegionStealAdjustmentProofTests {
    /// Odd, so the median is one run.
    static let runs = 9
    /// With 100 ms round-robin slices a region of c ms that starts its slice waits
    /// for ceil(c / 100) − 1 hog slices, so raw / alone ≥ 1.75 for c in 300…400 ms and
    /// only 1.5 at c = 200 ms: aim high, and lengthen the regions when a faster spell
    /// of the host makes them short.
    static let targetNanoseconds: Int64 = 400_000_000
    /// Longer than the real-time bandwidth period (1 s), so a baseline run starts with a full budget.
    static let budgetRefillMicroseconds: UInt32 = 1_100_000

    /// Iterations of ``CPUBoundWork`` that take about `targetNanoseconds` of CPU on
    /// CPU 0 at the fastest rate seen in three probes (a probe slowed by other load
    /// would make the regions shorter than planned).
    static func calibratedIterations(alone: ThreadScheduling) throws -> Int {
        try PinnedThread.run(on: 0, scheduling: alone) {
            let probe = 50_000_000
            var fastest = Int64.max
            for _ in 0..<3 {
                let start = Clock.threadCPUTime.nanoseconds()
                _ = CPUBoundWork.run(iterations: probe)
                fastest = min(fastest, max(1, Clock.threadCPUTime.nanoseconds() - start))
            }
            return Int(Double(probe) * Double(targetNanoseconds) / Double(fastest))
        }
    }

    static func measureOnCPU0(iterations: Int, scheduling: ThreadScheduling) throws -> RegionMeasurement {
        try PinnedThread.run(on: 0, scheduling: scheduling) {
            try Region.measure { CPUBoundWork.run(iterations: iterations) }.measurement
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    @Test func adjustedTimeOfAContendedRegionMatchesTheUncontendedBaseline() throws {
        let realTime = PinnedThread.permits(.fifo)
        let (alonePolicy, sharedPolicy): (ThreadScheduling, ThreadScheduling) =
            realTime ? (.fifo, .roundRobin) : (.normal, .normal)
        var iterations = try Self.calibratedIterations(alone: alonePolicy)

        // Pairs measured back to back: each contended run is compared with the
        // uncontended run just before it, when the host gave the vCPU the same speed.
        var pairs: [(alone: RegionMeasurement, contended: RegionMeasurement)] = []
        for _ in 0..<Self.runs {
            if realTime {
                // An idle vCPU runs slower for a while after it wakes (the host's
                // doing): keep CPU 0 busy with an ordinary thread while the budget refills.
                let warm = try CPUHog(cpu: 0, scheduling: .normal)
                usleep(Self.budgetRefillMicroseconds)
                warm.stop()
            }
            let alone = try Self.measureOnCPU0(iterations: iterations, scheduling: alonePolicy)
            let hog = try CPUHog(cpu: 0, scheduling: sharedPolicy)
            defer { hog.stop() }
            let contended = try Self.measureOnCPU0(iterations: iterations, scheduling: sharedPolicy)
            pairs.append((alone, contended))
            // The host's speed changes in spells; if it got faster than the calibration
            // saw, lengthen the regions of later pairs so they stay well above 200 ms.
            if alone.threadCPUNanoseconds < Self.targetNanoseconds * 3 / 4 {
                iterations = Int(Double(iterations) * Double(Self.targetNanoseconds) / Double(max(1, alone.threadCPUNanoseconds)))
            }
        }

        for m in pairs.flatMap({ [$0.alone, $0.contended] }) {
            #expect(m.cpuAtBegin == 0 && m.cpuAtEnd == 0, "the region left CPU 0")
        }
        func ratio(_ value: (RegionMeasurement) -> Int64) -> Double {
            Self.median(pairs.map { Double(value($0.contended)) / Double($0.alone.wallNanoseconds) })
        }
        let raw = ratio(\.wallNanoseconds)
        let adjusted = ratio(\.adjustedWallNanoseconds)
        let unclamped = ratio { $0.wallNanoseconds - $0.runDelayNanoseconds - $0.stealNanoseconds }
        let baselineRunDelay = Self.median(pairs.map {
            Double($0.alone.runDelayNanoseconds) / Double($0.alone.wallNanoseconds)
        })
        func milliseconds(_ value: (RegionMeasurement) -> Int64, _ side: KeyPath<(alone: RegionMeasurement, contended: RegionMeasurement), RegionMeasurement>) -> Double {
            Self.median(pairs.map { Double(value($0[keyPath: side])) / 1e6 })
        }
        let report = String(
            format: "\(realTime ? "real-time threads" : "ordinary threads (no right to real-time classes)"), "
                + "medians of \(Self.runs) pairs: baseline wall %.1f ms (run delay %.1f%% of it); contended: "
                + "thread CPU %.1f ms, raw wall %.1f ms, run delay %.1f ms, steal %.1f ms, adjusted %.1f ms; "
                + "per pair, contended / baseline wall: raw %.2fx, adjusted %+.1f%%, wall-runDelay-steal %+.1f%%",
            milliseconds(\.wallNanoseconds, \.alone), baselineRunDelay * 100,
            milliseconds(\.threadCPUNanoseconds, \.contended), milliseconds(\.wallNanoseconds, \.contended),
            milliseconds(\.runDelayNanoseconds, \.contended), milliseconds(\.stealNanoseconds, \.contended),
            milliseconds(\.adjustedWallNanoseconds, \.contended),
            raw, (adjusted - 1) * 100, (unclamped - 1) * 100)
        print("steal adjustment proof: \(report)")

        #expect(baselineRunDelay < 0.02, "the baseline was not alone on CPU 0: \(report)")
        #expect(raw > 1.5, "the hog did not slow the region down: \(report)")
        #expect(abs(adjusted - 1) <= 0.15, "\(report)")
        // The subtraction does the work, not the clamp at thread CPU time.
        #expect(abs(unclamped - 1) <= 0.15, "\(report)")
    }
}
