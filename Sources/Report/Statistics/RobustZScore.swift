/// Robust outlier scores (Iglewicz & Hoaglin's modified z-score): how far a value lies
/// from the median of its group in units of the median absolute deviation (MAD),
/// z = 0.6745 · (x − median) / MAD. The factor makes z comparable with a standard
/// score for normal data; unlike mean and standard deviation, one wild node cannot
/// hide itself by inflating the spread. |z| > 3.5 flags a value.
public struct RobustZScore: Equatable, Sendable {
    /// The flagging rule's threshold on |z|.
    public static let threshold = 3.5
    /// The rule in words, for reports.
    public static let rule = "flagged when |z| > 3.5, z = 0.6745 × (value − median) / MAD, MAD = median of |value − median| over the nodes (Iglewicz & Hoaglin)"

    public let median: Double
    /// Median absolute deviation from ``median``.
    public let mad: Double

    /// Nil for no values or non-finite ones.
    public init?(_ values: [Double]) {
        guard !values.isEmpty, values.allSatisfy(\.isFinite) else { return nil }
        let center = Self.median(values)
        median = center
        mad = Self.median(values.map { abs($0 - center) })
    }

    /// The score of `value`; nil when the MAD is 0 (more than half the values are equal,
    /// so no spread to measure against).
    public func score(_ value: Double) -> Double? {
        mad > 0 ? 0.6745 * (value - median) / mad : nil
    }

    /// Whether `value` stands out by the rule.
    public func isOutlier(_ value: Double) -> Bool {
        score(value).map { abs($0) > Self.threshold } ?? false
    }

    private static func median(_ values: [Double]) -> Double {
        Summary.percentile(50, ofSorted: values.sorted())
    }
}
