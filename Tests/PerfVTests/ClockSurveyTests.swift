import Foundation
import Testing
@testable import PerfV

/// The clock survey that `perfv-report info` prints.
@Suite("Clocks: survey")
struct ClockSurveyTests {
    @Test func measuresEveryClockAndTheTSC() throws {
        let profiles = try ClockSurvey.measure(tscFrequencyHz: 2_000_000_000, batches: 3, readsPerBatch: 1_000)
        #expect(profiles.map(\.name) == Clock.allCases.map(\.name) + ["rdtsc", "rdtscp"])
        for profile in profiles {
            #expect(profile.readCostNanoseconds > 0, "\(profile.name)")
            #expect(profile.readCostNanoseconds < 100_000, "\(profile.name): \(profile.readCostNanoseconds) ns")
            let resolution = try #require(profile.resolutionNanoseconds, "\(profile.name)")
            #expect(resolution > 0)
        }
        #expect(profiles.suffix(2).allSatisfy { $0.source == .tsc && $0.resolutionNanoseconds == 0.5 })
    }

    @Test func unknownTSCFrequencyLeavesTheResolutionUnknown() throws {
        let profiles = try ClockSurvey.measure(tscFrequencyHz: nil, batches: 1, readsPerBatch: 10)
        #expect(profiles.suffix(2).allSatisfy { $0.resolutionNanoseconds == nil })
        #expect(profiles.prefix(8).allSatisfy { $0.resolutionNanoseconds != nil })
    }

    @Test func medianIgnoresAnOutlierBatch() {
        var batch = 0
        // Each "read" of the middle batch sleeps 1 ms; the median must not see it.
        let cost = ClockSurvey.medianReadCost(batches: 3, readsPerBatch: 2) {
            batch += 1
            if (3...4).contains(batch) { usleep(1_000) }
            return 0
        }
        #expect(cost < 500_000, "median \(cost) ns")
    }

    @Test func encodesTheInfoCommandsKeys() throws {
        let profile = ClockProfile(name: "rdtsc", resolutionNanoseconds: nil, readCostNanoseconds: 10, source: .tsc)
        let json = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        #expect(json.contains("\"read_cost_ns\":10"))
        #expect(json.contains("\"source\":\"tsc\""))
        #expect(json.contains("\"name\":\"rdtsc\""))
        #expect(json.contains("\"resolution_ns\":null"))
    }
}
