import Testing
@testable import PerfV

/// The fork-join model on constructed teams: the critical thread is the one runnable
/// longest, its waiting comes out, and the result stays within [longest CPU, wall].
@Suite("ForkJoinAdjustment")
struct ForkJoinAdjustmentTests {
    static func thread(_ id: Int32, cpu: Int64, runDelay: Int64 = 0, steal: Int64 = 0) -> TeamThreadMeasurement {
        TeamThreadMeasurement(threadID: id, cpuNanoseconds: cpu, runDelayNanoseconds: runDelay, stealNanoseconds: steal)
    }

    @Test func theWorkersWaitingComesOutWhenTheMasterOnlyBlockedAtTheJoin() {
        // Issue 10's experiment: the master finishes at 494 ms and waits; the worker shared its CPU with a hog.
        let team = [Self.thread(1, cpu: 494), Self.thread(2, cpu: 494, runDelay: 490)]
        let adjusted = ForkJoinAdjustment.adjustedWallNanoseconds(wall: 985, threads: team)
        #expect(adjusted.nanoseconds == 495)
        #expect(adjusted.criticalIndex == 1)
    }

    @Test func stealOfTheCriticalThreadComesOutToo() {
        let team = [Self.thread(1, cpu: 400), Self.thread(2, cpu: 400, runDelay: 100, steal: 300)]
        #expect(ForkJoinAdjustment.adjustedWallNanoseconds(wall: 800, threads: team).nanoseconds == 400)
    }

    @Test func idleThreadsOfTheProcessAreNeverCritical() {
        let team = [Self.thread(1, cpu: 0), Self.thread(2, cpu: 300, runDelay: 200), Self.thread(3, cpu: 1, runDelay: 1)]
        let adjusted = ForkJoinAdjustment.adjustedWallNanoseconds(wall: 500, threads: team)
        #expect(adjusted == (300, 1))
    }

    @Test func aStrayThreadQueuedThroughTheRegionIsNotCritical() {
        // Seen on the test machine: a runtime thread woke behind real-time threads and
        // waited 400 ms having run 18 µs; it did no work, so it is not the team's critical path.
        let team = [Self.thread(1, cpu: 0, runDelay: 800), Self.thread(2, cpu: 400), Self.thread(3, cpu: 400, runDelay: 400)]
        #expect(ForkJoinAdjustment.adjustedWallNanoseconds(wall: 800, threads: team) == (400, 2))
    }

    @Test func neverBelowTheLongestThreadsCPUTime() {
        // Unbalanced: the delayed thread had less work; the other thread's CPU time is a floor.
        let team = [Self.thread(1, cpu: 450), Self.thread(2, cpu: 300, runDelay: 400)]
        #expect(ForkJoinAdjustment.adjustedWallNanoseconds(wall: 700, threads: team) == (450, 1))
    }

    @Test func aThreadWithLessThanHalfTheWorkIsNotCriticalSoTheResultErrsHigh() {
        // Outside the balanced-work assumption: the waiting of the delayed thread stays in.
        let team = [Self.thread(1, cpu: 450), Self.thread(2, cpu: 200, runDelay: 400)]
        #expect(ForkJoinAdjustment.adjustedWallNanoseconds(wall: 600, threads: team) == (600, 0))
    }

    @Test func spinningBarriersKeepTheWallTime() {
        // OMP_WAIT_POLICY=active: the waiting shows as CPU time, so nothing can be taken out.
        let team = [Self.thread(1, cpu: 980), Self.thread(2, cpu: 495, runDelay: 490)]
        #expect(ForkJoinAdjustment.adjustedWallNanoseconds(wall: 985, threads: team).nanoseconds == 980)
    }

    @Test func neverAboveTheWallTimeAndAnEmptyTeamKeepsIt() {
        #expect(ForkJoinAdjustment.adjustedWallNanoseconds(wall: 100, threads: [Self.thread(1, cpu: 150)]).nanoseconds == 100)
        #expect(ForkJoinAdjustment.adjustedWallNanoseconds(wall: 100, threads: []) == (100, nil))
    }
}
