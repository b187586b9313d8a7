import CLinux
import Foundation
import CPUContention
import Testing
@testable import PerfV

/// StealReader against this machine's live files.
@Suite("Steal: reader")
struct StealReaderTests {
    @Test func readsTheCallingThreadsSchedStat() throws {
        let reader = try StealReader()
        #expect(reader.threadID == perfv_gettid())
        #expect(reader.schedStatPath == "/proc/self/task/\(perfv_gettid())/schedstat")
        let first = try reader.readSchedStat()
        _ = CPUBoundWork.run(iterations: 5_000_000)
        let second = try reader.readSchedStat()
        #expect(second.onCPUNanoseconds >= first.onCPUNanoseconds)
        #expect(second.runDelayNanoseconds >= first.runDelayNanoseconds)
        #expect(second.timeslices >= first.timeslices)
    }

    @Test func systemStealMatchesTheSumOverCPUs() throws {
        let reader = try StealReader()
        let perCPU = try reader.readPerCPUStealNanoseconds()
        let system = try reader.readSystemStealNanoseconds()
        #expect(perCPU.count == reader.cpuCapacity)
        #expect(perCPU.compactMap { $0 }.count >= 1)
        // Steal only grows; the aggregate is read after the per-CPU lines.
        #expect(system >= perCPU.compactMap { $0 }.reduce(0, +))
        // USER_HZ granularity: every figure is a whole number of ticks.
        let tick = 1_000_000_000 / reader.userHZ
        #expect(system % tick == 0)
    }

    @Test func perCPUStealIsNilBeyondTheCPUs() throws {
        let reader = try StealReader()
        #expect(try reader.readStealNanoseconds(cpu: 0) != nil)
        #expect(try reader.readStealNanoseconds(cpu: reader.cpuCapacity) == nil)
        #expect(try reader.readStealNanoseconds(cpu: -1) == nil)
    }

    @Test func aReaderFollowsTheThreadItWasOpenedFor() throws {
        // The hog's on-CPU time grows while it spins; this sleeping thread's barely does.
        let hog = try CPUHog(cpu: 1 % max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        defer { hog.stop() }
        let hogReader = try StealReader(threadID: hog.threadID)
        let ownReader = try StealReader()
        #expect(hogReader.schedStatPath == "/proc/self/task/\(hog.threadID)/schedstat")
        let hogBefore = try hogReader.readSchedStat().onCPUNanoseconds
        let ownBefore = try ownReader.readSchedStat().onCPUNanoseconds
        usleep(200_000)
        let hogRan = try hogReader.readSchedStat().onCPUNanoseconds - hogBefore
        let ownRan = try ownReader.readSchedStat().onCPUNanoseconds - ownBefore
        #expect(hogRan > 10_000_000, "the hog ran \(hogRan) ns in 200 ms")
        #expect(hogRan > 5 * ownRan, "hog \(hogRan) ns, sleeping thread \(ownRan) ns")
    }

    @Test func aThreadThatDoesNotExistIsASystemCallError() {
        #expect {
            _ = try StealReader(threadID: Int32.max)
        } throws: { error in
            guard case let PerfVError.systemCall(failure) = error else { return false }
            return failure == SystemCallError(call: "open(/proc/self/task/\(Int32.max)/schedstat)", errno: ENOENT)
        }
    }
}
