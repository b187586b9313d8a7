/// The spread of a set of repetitions: median, quartiles and extremes.
///
/// Never a lone mean: timing distributions are skewed by interrupts, page faults
/// and preemption, so the median and the interquartile range describe them better.
/// Percentiles interpolate linearly between order statistics (Hyndman & Fan type 7,
/// the default of R and NumPy), so p50 of an even count is the mean of the middle two.
public struct Summary: Codable, Equatable, Sendable {
    public let count: Int
    public let min: Double
    public let p25: Double
    public let median: Double
    public let p75: Double
    public let max: Double

    /// Summarizes `values`; nil when there are none, or when any is NaN or infinite.
    public init?(_ values: [Double]) {
        guard !values.isEmpty, values.allSatisfy(\.isFinite) else { return nil }
        let sorted = values.sorted()
        count = sorted.count
        min = sorted[0]
        max = sorted[sorted.count - 1]
        p25 = Self.percentile(25, ofSorted: sorted)
        median = Self.percentile(50, ofSorted: sorted)
        p75 = Self.percentile(75, ofSorted: sorted)
    }

    /// The `percent`-th percentile (0…100) of ascending, non-empty `sorted`.
    public static func percentile(_ percent: Double, ofSorted sorted: [Double]) -> Double {
        precondition(!sorted.isEmpty, "percentile of no values")
        let clamped = Swift.min(Swift.max(percent, 0), 100)
        let position = clamped / 100 * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// The interquartile range relative to the median: a unitless spread (0.05 = 5%).
    public var relativeSpread: Double {
        median == 0 ? 0 : (p75 - p25) / median
    }
}
