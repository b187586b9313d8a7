/// The fleet report's two tables as CSV (RFC 4180 quoting, ``ResultsCSV/quoted(_:)``):
/// one row per node and case, and one row per node with its metrics and scores.
enum FleetCSV {
    static func cases(_ report: FleetReport) -> String {
        var lines = ["node,case_id,label,runs,wall_median_ns,wall_p25_ns,wall_p75_ns,adjusted_median_ns,steal_median_ns,exits_median,mb_per_s_median"]
        for node in report.nodes {
            for summary in node.cases {
                let fields = [
                    node.name, summary.caseID, summary.sweepCase.label, String(summary.wallNs.count),
                    number(summary.wallNs.median), number(summary.wallNs.p25), number(summary.wallNs.p75),
                    number(summary.adjustedNs.median), number(summary.stealNs.median),
                    summary.exitsTotal.map { number($0.median) } ?? "",
                    summary.megabytesPerSecond.map { NumberText.fixed($0.median, digits: 3) } ?? "",
                ]
                lines.append(fields.map(ResultsCSV.quoted).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func nodes(_ report: FleetReport) -> String {
        var header = ["node", "shards", "slurm_jobs", "cases"]
        for metric in FleetMetric.allCases { header += [metric.rawValue, metric.rawValue + "_z", metric.rawValue + "_flagged"] }
        var lines = [header.joined(separator: ",")]
        for node in report.nodes {
            var fields = [node.name, node.shards.joined(separator: ";"), node.slurmJobs.joined(separator: ";"), String(node.cases.count)]
            for summary in report.metrics {
                let outlier = summary.outliers.first { $0.node == node.name }
                let value = node.value(summary.metric)
                let z = summary.scores[node.name]
                fields += [value.map { NumberText.fixed($0, digits: 6) } ?? "", z.map { NumberText.fixed($0, digits: 2) } ?? "",
                           value == nil ? "" : (outlier == nil ? "no" : "yes")]
            }
            lines.append(fields.map(ResultsCSV.quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ value: Double) -> String { NumberText.fixed(value, digits: 0) }
}
