import CLinux
import Foundation
import CPUContention
import Testing
@testable import PerfV

/// Region begin/end, the closure form, misuse, and the adjustment formula.
@Suite("Region")
struct RegionTests {
    @Test func measuresASleepAsWallTimeNotAsWaiting() throws {
        let (_, m) = try Region.measure { usleep(100_000) }
        #expect(m.wallNanoseconds >= 100_000_000)
        #expect(m.wallNanoseconds < 1_000_000_000)
        #expect(m.threadCPUNanoseconds < m.wallNanoseconds / 2)
        #expect(m.processCPUNanoseconds >= 0)
        // Sleeping is not waiting for a CPU: nearly all of the sleep stays in the adjusted time.
        #expect(m.adjustedWallNanoseconds <= m.wallNanoseconds)
        #expect(m.adjustedWallNanoseconds >= m.threadCPUNanoseconds)
        #expect(m.runDelayNanoseconds >= 0 && m.stealNanoseconds >= 0)
        #expect(m.counterNames.isEmpty && m.counterValues.isEmpty)
    }

    @Test func measuresCPUBoundWork() throws {
        let (result, m) = try Region.measure { CPUBoundWork.run(iterations: 20_000_000) }
        #expect(result != 0)
        #expect(m.threadCPUNanoseconds > 0)
        #expect(m.threadCPUNanoseconds <= m.wallNanoseconds)
        #expect(m.processCPUNanoseconds >= m.threadCPUNanoseconds)
        #expect(m.adjustedWallNanoseconds >= m.threadCPUNanoseconds)
        #expect(m.adjustedWallNanoseconds <= m.wallNanoseconds)
    }

    @Test func recordsTheCPUsOfAPinnedThread() throws {
        let m = try PinnedThread.run(on: 0) { try Region.measure { CPUBoundWork.run(iterations: 1_000_000) }.measurement }
        #expect(m.cpuAtBegin == 0)
        #expect(m.cpuAtEnd == 0)
    }

    @Test func aKeptRegionMeasuresRepeatedly() throws {
        let region = try Region()
        for _ in 0..<3 {
            try region.begin()
            usleep(10_000)
            let m = try region.end()
            #expect(m.wallNanoseconds >= 10_000_000)
        }
    }

    @Test func endWithoutBeginIsMisuse() throws {
        let region = try Region()
        #expect(throws: PerfVError.regionMisuse(reason: "end() called without begin()")) { try region.end() }
    }

    @Test func beginTwiceIsMisuse() throws {
        let region = try Region()
        try region.begin()
        #expect(throws: PerfVError.regionMisuse(reason: "begin() called twice without end()")) { try region.begin() }
        _ = try region.end()
    }

    @Test func anotherThreadCannotUseTheRegion() throws {
        let region = try Region()
        let error = try PinnedThread.run(on: 0) { () -> Error? in
            do {
                try region.begin()
                return nil
            } catch {
                return error
            }
        }
        guard case let PerfVError.regionMisuse(reason)? = error as? PerfVError else {
            Issue.record("expected regionMisuse, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("belongs to thread \(perfv_gettid())"))
    }

    @Test func countsTheRegionsEvents() throws {
        let region = try Region(events: try EventSet(events: ["perf::task-clock", "perf::context-switches"]))
        for _ in 0..<2 {
            try region.begin()
            _ = CPUBoundWork.run(iterations: 20_000_000)
            let m = try region.end()
            #expect(m.counterNames == ["perf::task-clock", "perf::context-switches"])
            let taskClock = try #require(m[counter: "perf::task-clock"])
            // Both count this thread's time on the CPU, but task-clock keeps the hypervisor's steal
            // in and the thread CPU clock leaves it out; the counters' window sits inside the wall clock's.
            #expect(taskClock > 0 && taskClock <= m.wallNanoseconds)
            #expect(Double(taskClock) > 0.9 * Double(m.threadCPUNanoseconds) - 1_000_000)
            #expect(try #require(m[counter: "perf::context-switches"]) >= 0)
            #expect(m[counter: "perf::cpu-migrations"] == nil)
        }
    }

    @Test func anErrorInTheBodyIsRethrown() {
        struct Failure: Error, Equatable {}
        #expect(throws: Failure()) { try Region.measure { throw Failure() } }
    }
}

/// The adjustment formula on hand-made numbers (ns).
@Suite("Region: steal adjustment formula")
struct RegionStealAdjustmentFormulaTests {
    @Test func hostContentionIsRunDelay() {
        // 2 s wall, 1 s on CPU, 1 s waiting behind another task: 1 s.
        #expect(StealAdjustment.adjustedWallNanoseconds(
            wall: 2_000, threadCPU: 1_000, runDelay: 1_000, steal: 0) == 1_000)
    }

    @Test func hypervisorStealWhileRunningIsSteal() {
        // The vCPU was stolen 300 while the thread was current: run delay cannot see it.
        #expect(StealAdjustment.adjustedWallNanoseconds(
            wall: 1_300, threadCPU: 1_000, runDelay: 0, steal: 300) == 1_000)
    }

    @Test func sleepingStays() {
        // 500 asleep, 100 on CPU, no waiting: nothing is subtracted.
        #expect(StealAdjustment.adjustedWallNanoseconds(
            wall: 600, threadCPU: 100, runDelay: 0, steal: 0) == 600)
    }

    @Test func doubleCountedStealIsBoundedByThreadCPU() {
        // Steal while queued is in both run delay and steal; the result never drops below CPU time.
        #expect(StealAdjustment.adjustedWallNanoseconds(
            wall: 2_000, threadCPU: 1_000, runDelay: 1_000, steal: 400) == 1_000)
    }

    @Test func neverAboveWall() {
        #expect(StealAdjustment.adjustedWallNanoseconds(
            wall: 1_000, threadCPU: 1_200, runDelay: 0, steal: 0) == 1_000)
    }
}
