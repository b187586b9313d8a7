import Foundation

/// `perfv-report compare A B`: the cases both sweeps ran, each with the ratio B/A of
/// its run times, an interval at ``confidence`` (``RatioInterval``) and a verdict, for
/// the raw and the steal-adjusted times.
public struct SweepComparison: Codable, Sendable {
    /// One side: where it was read from and what ran it.
    public struct Side: Codable, Sendable {
        public let paths: [String]
        public let nodes: [String]
        public let startedAt: [String]

        init(_ files: [ResultsFile]) {
            paths = files.map(\.path)
            nodes = Array(Set(files.map { $0.results.node ?? "unknown node" })).sorted()
            startedAt = files.map(\.results.startedAt)
        }

        enum CodingKeys: String, CodingKey { case paths, nodes, startedAt = "started_at" }
    }

    public static let method = "ratio B/A of run times: Hodges–Lehmann estimate on log times (median of all pairwise log bⱼ − log aᵢ), "
        + "distribution-free interval from the Mann–Whitney rank-sum distribution (exact up to 2500 pairs); "
        + "faster/slower when the interval excludes 1, otherwise no difference"

    public let confidence: Double
    public let method: String
    public let baseline: Side
    public let candidate: Side
    public let cases: [CaseComparison]
    public let onlyInBaseline: [String]
    public let onlyInCandidate: [String]

    /// Compares the runs of `baseline` (A, several files when sharded) with `candidate` (B).
    public init(baseline: [ResultsFile], candidate: [ResultsFile], confidence: Double) {
        self.confidence = confidence
        method = Self.method
        self.baseline = Side(baseline)
        self.candidate = Side(candidate)
        let a = Self.runsByCase(baseline), b = Self.runsByCase(candidate)
        cases = a.order.compactMap { id in
            b.runs[id].flatMap { CaseComparison(baseline: a.runs[id] ?? [], candidate: $0, confidence: confidence) }
        }
        onlyInBaseline = a.order.filter { b.runs[$0] == nil }
        onlyInCandidate = b.order.filter { a.runs[$0] == nil }
    }

    private static func runsByCase(_ files: [ResultsFile]) -> (order: [String], runs: [String: [RunRecord]]) {
        var order: [String] = []
        var runs: [String: [RunRecord]] = [:]
        for run in files.flatMap(\.results.runs) {
            if runs[run.caseID] == nil { order.append(run.caseID) }
            runs[run.caseID, default: []].append(run)
        }
        return (order, runs)
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    public func text() -> String { ComparisonText(comparison: self).render() }

    public func html() -> String { ComparisonHTML(comparison: self).render() }

    enum CodingKeys: String, CodingKey {
        case confidence, method, baseline = "a", candidate = "b", cases
        case onlyInBaseline = "only_in_a", onlyInCandidate = "only_in_b"
    }
}
