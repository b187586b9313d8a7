/// One ``FleetMetric`` across the fleet: its median and MAD over the nodes that have it,
/// the nodes that stand out (``RobustZScore``), and the nodes without it.
public struct FleetMetricSummary: Codable, Equatable, Sendable {
    /// A node flagged by the rule.
    public struct Outlier: Codable, Equatable, Sendable {
        public let node: String
        public let value: Double
        public let z: Double
    }

    public let metric: FleetMetric
    public let title: String
    public let definition: String
    public let nodesMeasured: Int
    public let median: Double?
    public let mad: Double?
    /// Each measured node's robust z, by node name; empty when the MAD is 0.
    public let scores: [String: Double]
    public let outliers: [Outlier]
    /// Nodes whose results hold nothing to compute this metric from.
    public let missingNodes: [String]
    /// Why no node could be flagged, when none could.
    public let note: String?

    init(metric: FleetMetric, nodes: [FleetNode]) {
        self.metric = metric
        title = metric.title
        definition = metric.definition
        let measured = nodes.compactMap { node in node.value(metric).map { (node: node.name, value: $0) } }
        nodesMeasured = measured.count
        missingNodes = nodes.filter { $0.value(metric) == nil }.map(\.name)
        let scores = RobustZScore(measured.map(\.value))
        median = scores?.median
        mad = scores?.mad
        var byNode: [String: Double] = [:]
        for entry in measured { byNode[entry.node] = scores?.score(entry.value) }
        self.scores = byNode
        outliers = measured.compactMap { entry in
            guard let scores, scores.isOutlier(entry.value), let z = scores.score(entry.value) else { return nil }
            return Outlier(node: entry.node, value: entry.value, z: z)
        }
        if measured.isEmpty {
            note = "no node's results hold it"
        } else if measured.count < 3 {
            note = "\(measured.count) node\(measured.count == 1 ? "" : "s") measured: too few to call one an outlier"
        } else if scores?.mad == 0 {
            note = "MAD is 0 (most nodes share one value): no spread to measure against"
        } else {
            note = nil
        }
    }

    enum CodingKeys: String, CodingKey {
        case metric, title, definition, nodesMeasured = "nodes_measured", median, mad, scores, outliers
        case missingNodes = "missing_nodes", note
    }
}
