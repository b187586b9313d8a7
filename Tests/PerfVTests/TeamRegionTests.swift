import CLinux
import Foundation
import CPUContention
import Testing
@testable import PerfV

/// What a team region reads: every thread of the process, new ones from 0, minus the excluded.
@Suite("TeamRegion")
struct TeamRegionTests {
    @Test func aThreadStartedInTheRegionCountsFromZeroAndItsWorkIsSeen() throws {
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        var workerID: Int32 = 0
        let team = try TeamRegion()
        try team.begin()
        let worker = try PinnedThread.start {
            workerID = perfv_gettid()
            _ = CPUBoundWork.run(iterations: 20_000_000)
            started.signal()
            release.wait()
        }
        started.wait()
        let m = try team.end()
        release.signal()
        pthread_join(worker, nil)

        let seen = try #require(m.threads.first { $0.threadID == workerID })
        #expect(seen.startedInRegion)
        #expect(seen.cpuNanoseconds > 0 && seen.cpuNanoseconds <= m.wallNanoseconds)
        #expect(m.threads.contains { $0.threadID == perfv_gettid() && !$0.startedInRegion })
        #expect(m.adjustedWallNanoseconds <= m.wallNanoseconds)
        #expect(m.adjustedWallNanoseconds >= m.threads.map(\.cpuNanoseconds).max()!)
    }

    @Test func excludedThreadsAreLeftOut() throws {
        let team = try TeamRegion(excluding: [perfv_gettid()])
        try team.begin()
        let m = try team.end()
        #expect(!m.threads.contains { $0.threadID == perfv_gettid() })
    }

    @Test func endWithoutBeginAndBeginTwiceAreMisuse() throws {
        let team = try TeamRegion()
        #expect(throws: PerfVError.self) { try team.end() }
        try team.begin()
        #expect(throws: PerfVError.self) { try team.begin() }
    }

    @Test func costOfBeginAndEnd() throws {
        let team = try TeamRegion()
        let pairs = 200
        let start = Clock.monotonic.nanoseconds()
        var threads = 0
        for _ in 0..<pairs {
            try team.begin()
            threads = try team.end().threads.count
        }
        let perPair = Double(Clock.monotonic.nanoseconds() - start) / Double(pairs) / 1000
        #expect(threads > 0)
        print("team region cost: begin + end \(String(format: "%.1f", perPair)) µs with \(threads) threads (debug build)")
    }
}
