import Foundation

/// `perfv-report merge`: many sweeps' results (a Slurm array's shards, one or more per
/// node) as one fleet report — per node and case the headline figures, and per
/// ``FleetMetric`` the nodes that stand out by median and MAD (``RobustZScore``).
/// Results are grouped by node name (results.json's `node`); the shards of one sweep
/// on one node merge into one node with all their cases.
public struct FleetReport: Codable, Sendable {
    public let rule: String
    public let nodes: [FleetNode]
    public let metrics: [FleetMetricSummary]

    public init(files: [ResultsFile]) throws(FleetError) {
        guard !files.isEmpty else { throw .noInputs }
        var order: [String] = []
        var byNode: [String: [ResultsFile]] = [:]
        for file in files {
            let name = file.results.node ?? "unnamed (\(file.path))"
            if byNode[name] == nil { order.append(name) }
            byNode[name, default: []].append(file)
        }
        var nodes: [FleetNode] = []
        for name in order.sorted() { nodes.append(try FleetNode(name: name, files: byNode[name] ?? [])) }
        rule = RobustZScore.rule
        self.nodes = nodes
        metrics = FleetMetric.allCases.map { FleetMetricSummary(metric: $0, nodes: nodes) }
    }

    /// Every case id any node ran, in the order first seen.
    public var caseIDs: [String] {
        var seen = Set<String>()
        return nodes.flatMap(\.cases).map(\.caseID).filter { seen.insert($0).inserted }
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    public func casesCSV() -> String { FleetCSV.cases(self) }
    public func nodesCSV() -> String { FleetCSV.nodes(self) }
    public func html() -> String { FleetHTML(report: self).render() }
    public func text() -> String { FleetText(report: self).render() }

    /// The files `merge --output DIR` writes.
    public static let fileNames = (json: "fleet.json", casesCSV: "fleet-cases.csv", nodesCSV: "fleet-nodes.csv", html: "fleet.html")
}
