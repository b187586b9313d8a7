import Foundation
import Testing
@testable import Report

/// The compare statistics on synthetic data whose truth is known.
@Suite("Ratio intervals (Hodges–Lehmann on log times) and the Mann–Whitney distribution")
struct RatioIntervalTests {
    /// `count` run times around `center`, spread ±`spread` (relative) by a fixed-seed generator.
    static func times(center: Double, count: Int, spread: Double = 0.03, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            // SplitMix64: a fixed sequence per seed.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let unit = Double(z >> 11) / Double(1 << 53)
            return center * (1 + spread * (2 * unit - 1))
        }
    }

    @Test("exact null distribution: P(U ≤ 2) = 4/252 for 5 and 5, symmetric, total 1")
    func exactDistribution() {
        let distribution = MannWhitneyDistribution(m: 5, n: 5)
        #expect(abs(distribution.cdf(2) - 4.0 / 252) < 1e-12)
        #expect(abs(distribution.cdf(0) - 1.0 / 252) < 1e-12)
        #expect(distribution.cdf(25) == 1)
        #expect(distribution.cdf(-1) == 0)
        // Symmetry: P(U ≤ u) = P(U ≥ mn − u) = 1 − P(U ≤ mn − u − 1).
        for u in 0...24 { #expect(abs(distribution.cdf(u) - (1 - distribution.cdf(24 - u))) < 1e-12) }
    }

    @Test("the normal approximation beyond the exact limit is centred and agrees with the exact count near it")
    func normalApproximation() {
        let large = MannWhitneyDistribution(m: 60, n: 60)
        #expect(abs(large.cdf(1800) - 0.5) < 0.01)
        let exact = MannWhitneyDistribution(m: 50, n: 50) // 2500 pairs: still exact
        let mean = 1250.0, sd = (2500.0 * 101 / 12).squareRoot()
        let u = Int(mean - 2 * sd)
        let approx = 0.5 * erfc(-((Double(u) + 0.5 - mean) / sd) / 2.0.squareRoot())
        #expect(abs(exact.cdf(u) - approx) < 0.005)
    }

    @Test("a known 30% slowdown: verdict slower, the interval excludes 1 and holds 1.3")
    func knownShiftIsSlower() throws {
        let a = Self.times(center: 1e6, count: 8, seed: 1)
        let b = Self.times(center: 1.3e6, count: 8, seed: 2)
        let ratio = try #require(RatioInterval(baseline: a, candidate: b, confidence: 0.95))
        #expect(ratio.verdict == .slower)
        #expect(ratio.lower > 1)
        #expect(ratio.lower < 1.3 && ratio.upper > 1.3)
        #expect(ratio.achievedConfidence >= 0.95)
        let faster = try #require(RatioInterval(baseline: b, candidate: a, confidence: 0.95))
        #expect(faster.verdict == .faster)
        #expect(faster.upper < 1)
    }

    @Test("identical distributions: no difference, the interval holds 1")
    func identicalDistributions() throws {
        let a = Self.times(center: 1e6, count: 10, seed: 7)
        let b = Self.times(center: 1e6, count: 10, seed: 8)
        let ratio = try #require(RatioInterval(baseline: a, candidate: b, confidence: 0.95))
        #expect(ratio.verdict == .noDifference)
        #expect(ratio.lower < 1 && ratio.upper > 1)
        let same = try #require(RatioInterval(baseline: a, candidate: a.reversed(), confidence: 0.95))
        #expect(abs(same.estimate - 1) < 1e-12, "pairwise log differences of a sample with itself are symmetric about 0")
    }

    @Test("too few runs for the confidence, bad values and bad confidence give no interval")
    func noInterval() {
        // 3 and 3: the most extreme arrangement has probability 1/20 > 2.5%.
        #expect(RatioInterval(baseline: [1, 2, 3], candidate: [4, 5, 6], confidence: 0.95) == nil)
        #expect(RatioInterval(baseline: [1, 2, 3, 4], candidate: [5, 6, 7, 8], confidence: 0.95) != nil)
        #expect(RatioInterval(baseline: [], candidate: [1], confidence: 0.95) == nil)
        #expect(RatioInterval(baseline: [1, 0, 2, 3], candidate: [1, 2, 3, 4], confidence: 0.95) == nil)
        #expect(RatioInterval(baseline: [1, 2, 3, 4], candidate: [1, 2, 3, .nan], confidence: 0.95) == nil)
        #expect(RatioInterval(baseline: [1, 2, 3, 4], candidate: [1, 2, 3, 4], confidence: 1) == nil)
    }

    @Test("robust z: one wild value is flagged, the rest are not; MAD 0 scores nothing")
    func robustZ() throws {
        let values = [10, 10.2, 9.9, 10.1, 10.0, 9.8, 15]
        let scores = try #require(RobustZScore(values))
        #expect(scores.median == 10)
        #expect(abs(scores.mad - 0.1) < 1e-12)
        #expect(scores.isOutlier(15))
        #expect(values.dropLast().allSatisfy { !scores.isOutlier($0) })
        let flat = try #require(RobustZScore([5, 5, 5, 6]))
        #expect(flat.mad == 0)
        #expect(flat.score(6) == nil)
        #expect(!flat.isOutlier(6))
        #expect(RobustZScore([]) == nil)
    }
}
