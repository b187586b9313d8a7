import Foundation
import Testing
@testable import PerfV

/// Skipping run delay and steal for regions barely off CPU: when it happens, what the
/// measurement then says, and the bound on the adjusted wall time.
@Suite("Region: waiting reads")
struct RegionWaitingReadTests {
    static let threshold = WaitingReadPolicy.defaultOffCPUThresholdNanoseconds

    /// Whatever run delay and steal were, the formula lands within wall − threadCPU of the
    /// wall time, which is what a skipped region reports.
    @Test func theAdjustmentIsWithinOffCPUTimeOfTheWallTimeWhateverTheWaiting() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let wall = Int64.random(in: 0...1_000_000_000, using: &generator)
            let threadCPU = Int64.random(in: 0...wall, using: &generator)
            let runDelay = Int64.random(in: 0...wall, using: &generator)
            let steal = StealAdjustment.clampedSteal(Int64.random(in: -wall...(2 * wall), using: &generator), wall: wall)
            let adjusted = StealAdjustment.adjustedWallNanoseconds(
                wall: wall, threadCPU: threadCPU, runDelay: runDelay, steal: steal.nanoseconds)
            #expect(wall - adjusted >= 0 && wall - adjusted <= wall - threadCPU)
        }
    }

    @Test func thePolicySkipsExactlyUpToItsThreshold() {
        let policy = WaitingReadPolicy.skippedWhenOffCPUAtMost(nanoseconds: 10_000)
        #expect(policy.skipsReads(wall: 50_000, threadCPU: 40_000))
        #expect(!policy.skipsReads(wall: 50_001, threadCPU: 40_000))
        #expect(policy.skipsReads(wall: 1_000, threadCPU: 1_200), "thread CPU above wall: nothing was off CPU")
        #expect(!WaitingReadPolicy.always.skipsReads(wall: 1_000, threadCPU: 1_000))
    }

    @Test func shortRegionsSkipTheReadsWithinTheBound() throws {
        let region = try Region()
        var skipped = 0
        for _ in 0..<200 {
            try region.begin()
            let m = try region.end()
            #expect(m.skippedReads.contains(.processCPUTime) && m.processCPUNanoseconds == 0)
            if m.skippedReads.contains(.runDelayAndSteal) {
                skipped += 1
                #expect(m.wallNanoseconds - m.threadCPUNanoseconds <= Self.threshold)
                #expect(m.runDelayNanoseconds == 0 && m.stealNanoseconds == 0 && m.stealClamp == nil)
                #expect(m.adjustedWallNanoseconds == m.wallNanoseconds)
            } else {
                #expect(m.wallNanoseconds - m.threadCPUNanoseconds > Self.threshold, "read only when off CPU longer")
            }
        }
        // Another task may take the CPU mid-region now and then, but not in most of 200 empty regions.
        #expect(skipped > 100)
    }

    @Test func aRegionOffCPULongerThanTheThresholdReadsRunDelayAndSteal() throws {
        let region = try Region()
        try region.begin()
        usleep(2_000)
        let m = try region.end()
        #expect(m.skippedReads == .processCPUTime)
        #expect(m.wallNanoseconds - m.threadCPUNanoseconds > Self.threshold)
        #expect(m.adjustedWallNanoseconds == StealAdjustment.adjustedWallNanoseconds(
            wall: m.wallNanoseconds, threadCPU: m.threadCPUNanoseconds,
            runDelay: m.runDelayNanoseconds, steal: m.stealNanoseconds))
    }

    @Test func aLargeThresholdSkipsEvenASleepAndStaysWithinIt() throws {
        let threshold: Int64 = 1_000_000_000
        let region = try Region(waitingReads: .skippedWhenOffCPUAtMost(nanoseconds: threshold))
        try region.begin()
        usleep(2_000)
        let m = try region.end()
        #expect(m.skippedReads.contains(.runDelayAndSteal))
        #expect(m.adjustedWallNanoseconds == m.wallNanoseconds)
        #expect(m.adjustedWallNanoseconds - m.threadCPUNanoseconds <= threshold)
    }

    @Test func readingAlwaysMeasuresEveryFieldOfAShortRegion() throws {
        let region = try Region(waitingReads: .always, measuresProcessCPU: true)
        for _ in 0..<20 {
            try region.begin()
            let m = try region.end()
            #expect(m.skippedReads.isEmpty)
            #expect(m.processCPUNanoseconds >= m.threadCPUNanoseconds - 1_000_000)
            #expect(m.runDelayNanoseconds >= 0 && m.stealNanoseconds >= 0)
        }
    }
}
