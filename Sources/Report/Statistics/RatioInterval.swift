import Foundation

/// The ratio of a candidate's run times to a baseline's (B/A), with a distribution-free
/// confidence interval: the Hodges–Lehmann estimate on log times.
///
/// Method: every pairwise difference d = log bⱼ − log aᵢ (m·n of them); the estimate is
/// exp(median d); the interval is [exp d₍ₖ₎, exp d₍ₘₙ₊₁₋ₖ₎] with k the largest rank for
/// which P(U < k) ≤ (1 − confidence)/2 under the Mann–Whitney null distribution — the
/// set of shifts a two-sided rank-sum test would not reject. It assumes B's log times are
/// A's shifted (a multiplicative change in speed), needs no seed, and is exact for
/// small samples. Its achieved coverage (``achievedConfidence``) is at least the one
/// asked for; with too few runs (4 per side at 95%) no interval is that wide, and
/// the result is nil.
public struct RatioInterval: Codable, Equatable, Sendable {
    public let estimate: Double
    public let lower: Double
    public let upper: Double
    /// The confidence asked for.
    public let confidence: Double
    /// The interval's exact coverage under the null distribution (≥ ``confidence``).
    public let achievedConfidence: Double

    /// Nil when either sample is empty, holds a value ≤ 0 or non-finite, or is too small
    /// for an interval at `confidence` (0 < confidence < 1).
    public init?(baseline a: [Double], candidate b: [Double], confidence: Double) {
        guard !a.isEmpty, !b.isEmpty, confidence > 0, confidence < 1,
              (a + b).allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        let logA = a.map { log($0) }, logB = b.map { log($0) }
        var differences: [Double] = []
        differences.reserveCapacity(a.count * b.count)
        for y in logB { for x in logA { differences.append(y - x) } }
        differences.sort()
        let distribution = MannWhitneyDistribution(m: b.count, n: a.count)
        let tail = (1 - confidence) / 2
        // k − 1 = the largest u with P(U ≤ u) ≤ tail.
        var k = 0
        while distribution.cdf(k) <= tail { k += 1 }
        guard k >= 1 else { return nil }
        let count = differences.count
        estimate = exp(Summary.percentile(50, ofSorted: differences))
        lower = exp(differences[k - 1])
        upper = exp(differences[count - k])
        self.confidence = confidence
        achievedConfidence = 1 - 2 * distribution.cdf(k - 1)
    }

    /// Faster when the whole interval lies below 1, slower when above, otherwise no difference.
    public var verdict: ComparisonVerdict {
        if upper < 1 { return .faster }
        if lower > 1 { return .slower }
        return .noDifference
    }

    enum CodingKeys: String, CodingKey {
        case estimate = "ratio", lower, upper, confidence, achievedConfidence = "achieved_confidence"
    }
}
