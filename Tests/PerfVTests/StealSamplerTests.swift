import CLinux
import Foundation
import Testing
@testable import PerfV

/// The per-region /proc/stat sample: re-read only when older than its maximum age,
/// never going backwards, and keeping its last good sample when the file is malformed.
@Suite("Steal: sampler")
struct StealSamplerTests {
    @Test func rereadsOnlyWhenTheSampleIsOlderThanTheMaximumAge() throws {
        let sampler = StealSampler(reader: try StealReader(), maximumAgeNanoseconds: 1_000_000)
        #expect(sampler.sampledAtNanoseconds == nil)
        #expect(sampler.stealTicks(cpu: 0, generation: sampler.generation) == nil, "no sample before the first read")
        try sampler.refreshIfOlder(now: 5_000_000)
        #expect(sampler.generation == 1)
        try sampler.refreshIfOlder(now: 5_999_999)
        #expect(sampler.generation == 1, "younger than the maximum age: reused")
        #expect(sampler.sampledAtNanoseconds == 5_000_000)
        try sampler.refreshIfOlder(now: 6_000_001)
        #expect(sampler.generation == 2)
        #expect(sampler.sampledAtNanoseconds == 6_000_001)
    }

    @Test func samplesOfTheRealFileNeverGoBackwards() throws {
        let sampler = StealSampler(reader: try StealReader())
        let cpu = Int(perfv_current_cpu())
        var now = Clock.monotonic.nanoseconds()
        try sampler.refreshIfOlder(now: now)
        for _ in 0..<20 {
            let before = try #require(sampler.stealTicks(cpu: cpu, generation: sampler.generation))
            let sampledBefore = try #require(sampler.sampledAtNanoseconds)
            now += 2 * sampler.maximumAgeNanoseconds
            try sampler.refreshIfOlder(now: now)
            let after = try #require(sampler.stealTicks(cpu: cpu, generation: sampler.generation))
            #expect(after >= before)
            #expect(try #require(sampler.sampledAtNanoseconds) > sampledBefore)
            #expect(sampler.stealTicks(cpu: cpu, generation: sampler.generation - 1) == before, "the sample before stays readable")
            #expect(sampler.stealTicks(cpu: cpu, generation: sampler.generation - 2) == nil, "older samples are gone")
        }
    }

    @Test func aMalformedFileIsATypedErrorAndKeepsTheLastGoodSample() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("perfv-stat-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let good = "cpu  1 2 3 4 5 6 7 15 0 0\ncpu0 1 2 3 4 5 6 7 15 0 0\nintr 1\n"
        // Not atomically: the reader keeps its descriptor, so the same file must change.
        try good.write(toFile: path, atomically: false, encoding: .utf8)
        let sampler = StealSampler(reader: try StealReader(threadID: perfv_gettid(), procStatPath: path))
        try sampler.refreshIfOlder(now: 0)
        #expect(sampler.stealTicks(cpu: 0, generation: 1) == 15)

        try "cpu  1 2 3\n".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            try sampler.refreshIfOlder(now: 10_000_000)
            Issue.record("a cpu line with 3 values must not parse")
        } catch let PerfVError.malformedFile(_, reason) {
            #expect(reason.contains("3 values"), "\(reason)")
        }
        #expect(sampler.generation == 1)
        #expect(sampler.stealTicks(cpu: 0, generation: 1) == 15)

        try good.replacingOccurrences(of: "15", with: "16").write(toFile: path, atomically: false, encoding: .utf8)
        try sampler.refreshIfOlder(now: 20_000_000)
        #expect(sampler.stealTicks(cpu: 0, generation: 2) == 16)
        #expect(sampler.stealTicks(cpu: 0, generation: 1) == 15)
    }
}
