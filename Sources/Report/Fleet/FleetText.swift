/// The fleet report on the terminal: one line per node with its metrics (a `!` marks a
/// flagged value), then what was flagged, what is missing, and the rule.
struct FleetText {
    let report: FleetReport

    func render() -> String {
        var rows = [["node", "shards", "cases"] + FleetMetric.allCases.map(\.title)]
        for node in report.nodes {
            var row = [node.name, node.shards.joined(separator: ","), String(node.cases.count)]
            for summary in report.metrics {
                let flagged = summary.outliers.contains { $0.node == node.name }
                row.append(node.value(summary.metric).map { summary.metric.text($0) + (flagged ? " !" : "") } ?? "—")
            }
            rows.append(row)
        }
        var out = TerminalTable.layout(rows)
        out += "\(report.nodes.count) node\(report.nodes.count == 1 ? "" : "s"), \(report.caseIDs.count) cases.\n"
        for summary in report.metrics {
            for outlier in summary.outliers {
                out += "FLAGGED \(outlier.node): \(summary.title) \(summary.metric.text(outlier.value)) "
                    + "(fleet median \(summary.median.map(summary.metric.text) ?? "—"), z = \(NumberText.fixed(outlier.z, digits: 1)))\n"
            }
            if summary.nodesMeasured == 0 {
                out += "not measured: \(summary.title) — \(summary.definition)\n"
            } else if !summary.missingNodes.isEmpty {
                out += "\(summary.title) missing on \(summary.missingNodes.joined(separator: ", ")) — \(summary.definition)\n"
            }
            if let note = summary.note, summary.nodesMeasured > 0 { out += "\(summary.title): \(note)\n" }
        }
        out += "Rule: \(report.rule).\n"
        return out
    }
}
