/// One case in both sweeps of a `compare`: its run times side by side and the ratio
/// B/A with its interval, for the raw and the steal-adjusted times.
public struct CaseComparison: Codable, Equatable, Sendable {
    public let caseID: String
    public let label: String
    public let baselineRuns: Int
    public let candidateRuns: Int
    public let baselineMedianNs: Double
    public let candidateMedianNs: Double
    public let baselineAdjustedMedianNs: Double
    public let candidateAdjustedMedianNs: Double
    /// B/A of the wall times; nil with too few runs for the confidence.
    public let wall: RatioInterval?
    /// B/A of the steal-adjusted times (``RunRecord/adjustedNs``).
    public let adjusted: RatioInterval?

    /// Nil when either side has no runs.
    public init?(baseline: [RunRecord], candidate: [RunRecord], confidence: Double) {
        guard let first = baseline.first ?? candidate.first,
              let aWall = Summary(baseline.map { Double($0.wallNs) }), let bWall = Summary(candidate.map { Double($0.wallNs) }),
              let aAdjusted = Summary(baseline.map { Double($0.adjustedNs) }),
              let bAdjusted = Summary(candidate.map { Double($0.adjustedNs) }) else { return nil }
        caseID = first.caseID
        label = first.sweepCase.label
        baselineRuns = baseline.count
        candidateRuns = candidate.count
        baselineMedianNs = aWall.median
        candidateMedianNs = bWall.median
        baselineAdjustedMedianNs = aAdjusted.median
        candidateAdjustedMedianNs = bAdjusted.median
        wall = RatioInterval(baseline: baseline.map { Double($0.wallNs) }, candidate: candidate.map { Double($0.wallNs) },
                             confidence: confidence)
        adjusted = RatioInterval(baseline: baseline.map { Double($0.adjustedNs) },
                                 candidate: candidate.map { Double($0.adjustedNs) }, confidence: confidence)
    }

    public var wallVerdict: ComparisonVerdict { wall?.verdict ?? .tooFewRuns }
    public var adjustedVerdict: ComparisonVerdict { adjusted?.verdict ?? .tooFewRuns }

    enum CodingKeys: String, CodingKey {
        case caseID = "case_id", label, baselineRuns = "runs_a", candidateRuns = "runs_b"
        case baselineMedianNs = "median_ns_a", candidateMedianNs = "median_ns_b"
        case baselineAdjustedMedianNs = "adjusted_median_ns_a", candidateAdjustedMedianNs = "adjusted_median_ns_b"
        case wall = "ratio", adjusted = "adjusted_ratio", wallVerdict = "verdict", adjustedVerdict = "adjusted_verdict"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        caseID = try c.decode(String.self, forKey: .caseID)
        label = try c.decode(String.self, forKey: .label)
        baselineRuns = try c.decode(Int.self, forKey: .baselineRuns)
        candidateRuns = try c.decode(Int.self, forKey: .candidateRuns)
        baselineMedianNs = try c.decode(Double.self, forKey: .baselineMedianNs)
        candidateMedianNs = try c.decode(Double.self, forKey: .candidateMedianNs)
        baselineAdjustedMedianNs = try c.decode(Double.self, forKey: .baselineAdjustedMedianNs)
        candidateAdjustedMedianNs = try c.decode(Double.self, forKey: .candidateAdjustedMedianNs)
        wall = try c.decodeIfPresent(RatioInterval.self, forKey: .wall)
        adjusted = try c.decodeIfPresent(RatioInterval.self, forKey: .adjusted)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(caseID, forKey: .caseID)
        try c.encode(label, forKey: .label)
        try c.encode(baselineRuns, forKey: .baselineRuns)
        try c.encode(candidateRuns, forKey: .candidateRuns)
        try c.encode(baselineMedianNs, forKey: .baselineMedianNs)
        try c.encode(candidateMedianNs, forKey: .candidateMedianNs)
        try c.encode(baselineAdjustedMedianNs, forKey: .baselineAdjustedMedianNs)
        try c.encode(candidateAdjustedMedianNs, forKey: .candidateAdjustedMedianNs)
        try c.encodeIfPresent(wall, forKey: .wall)
        try c.encodeIfPresent(adjusted, forKey: .adjusted)
        try c.encode(wallVerdict, forKey: .wallVerdict)
        try c.encode(adjustedVerdict, forKey: .adjustedVerdict)
    }
}
