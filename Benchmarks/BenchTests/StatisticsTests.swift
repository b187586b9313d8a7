import Report
import Testing
@testable import perfv_bench

@Suite("Bench statistics")
struct StatisticsTests {
    @Test func percentilesInterpolateBetweenRanks() throws {
        let summary = try Summary(samples: [4, 1, 3, 2, 5])
        #expect(summary.median == 3)
        #expect(summary.p25 == 2)
        #expect(summary.p75 == 4)
        #expect(summary.min == 1)
        #expect(summary.max == 5)
        #expect(summary.count == 5)
        // Even count: the median lies halfway between the middle two.
        let even = try Summary(samples: [10, 20, 30, 40])
        #expect(even.median == 25)
        #expect(even.p25 == 17.5)
        #expect(even.p75 == 32.5)
    }

    @Test func oneSampleIsEveryPercentile() throws {
        let summary = try Summary(samples: [7])
        #expect([summary.min, summary.p25, summary.median, summary.p75, summary.max] == [7, 7, 7, 7, 7])
    }

    @Test func emptyOrNonFiniteSamplesAreRejected() {
        #expect(throws: BenchmarkError.noSamples) { try Summary(samples: []) }
        #expect(throws: BenchmarkError.nonFiniteSample) { try Summary(samples: [1, .nan]) }
        #expect(throws: BenchmarkError.nonFiniteSample) { try Summary(samples: [.infinity]) }
    }

    @Test func ratiosPairSamplesByRepetition() throws {
        let samples = try PairedSamples(perfv: [11, 30, 8], baseline: [10, 20, 8])
        #expect(try samples.ratios(.perfvOverBaseline) == [1.1, 1.5, 1.0])
        #expect(try samples.ratios(.baselineOverPerfv) == [10.0 / 11, 20.0 / 30, 1.0])
    }

    @Test func unpairedOrZeroSamplesAreRejected() throws {
        #expect(throws: BenchmarkError.unpairedSamples(perfv: 2, baseline: 1)) {
            try PairedSamples(perfv: [1, 2], baseline: [1])
        }
        let zero = try PairedSamples(perfv: [1], baseline: [0])
        #expect(throws: BenchmarkError.nonPositiveSample) { try zero.ratios(.perfvOverBaseline) }
    }

    @Test func targetsCompareInTheirDirection() {
        #expect(Target.atMost(1.10).isMet(by: 1.10))
        #expect(!Target.atMost(1.10).isMet(by: 1.11))
        #expect(Target.atLeast(10).isMet(by: 10.5))
        #expect(!Target.atLeast(0.95).isMet(by: 0.94))
        #expect(Target.atMost(1.1).text(unit: .nanoseconds) == "≤ 1.10")
        #expect(Target.atLeast(10).text(unit: .nanoseconds) == "≥ 10.00")
    }

    @Test func interleavingRotatesTheOrder() throws {
        var order: [Int] = []
        let samples = try SideBySide.measure(repetitions: 3, [
            { order.append(0); return 0 },
            { order.append(1); return 1 },
            { order.append(2); return 2 },
        ])
        #expect(order == [0, 1, 2, 1, 2, 0, 2, 0, 1])
        #expect(samples == [[0, 0, 0], [1, 1, 1], [2, 2, 2]])
    }
}
