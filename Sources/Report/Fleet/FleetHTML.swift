/// The fleet page: one self-contained HTML file (the sweep report's style, inline SVG,
/// no scripts): the rule, a chart per metric with flagged nodes in their own colour,
/// the per-node metrics, and per node and case the headline figures.
struct FleetHTML {
    let report: FleetReport

    func render() -> String {
        let body = """
        <header><h1>PerfV fleet: \(report.nodes.count) node\(report.nodes.count == 1 ? "" : "s"), \(report.caseIDs.count) cases</h1>
        <p class="meta">\(HTMLText.escape(report.nodes.flatMap(\.files).joined(separator: " · ")))</p></header>
        <div class="notice warn"><strong>Outlier rule.</strong> \(HTMLText.escape(report.rule)).</div>
        \(notices)\(metricsTable)\(charts)\(casesTable)
        """
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>PerfV fleet</title>
        <style>\(HTMLReport.style)</style></head>
        <body>\(body)</body></html>

        """
    }

    private var notices: String {
        var out = ""
        for summary in report.metrics {
            for outlier in summary.outliers {
                out += "<div class=\"notice error\"><strong>\(HTMLText.escape(outlier.node)) stands out: \(HTMLText.escape(summary.title)).</strong> "
                    + "\(HTMLText.escape(summary.metric.text(outlier.value))) against a fleet median of "
                    + "\(HTMLText.escape(summary.median.map(summary.metric.text) ?? "—")), z = \(NumberText.fixed(outlier.z, digits: 1)).</div>\n"
            }
            if summary.nodesMeasured == 0 {
                out += "<div class=\"notice warn\"><strong>Not measured: \(HTMLText.escape(summary.title)).</strong> \(HTMLText.escape(summary.definition)).</div>\n"
            } else if let note = summary.note {
                out += "<p class=\"meta\">\(HTMLText.escape(summary.title)): \(HTMLText.escape(note)).</p>\n"
            }
        }
        return out
    }

    private var metricsTable: String {
        var out = "<section><h2>Per node</h2><table><tr><th>node</th><th>shards</th><th>Slurm jobs</th><th>cases</th>"
        out += FleetMetric.allCases.map { "<th>\(HTMLText.escape($0.title))</th>" }.joined() + "</tr>\n"
        for node in report.nodes {
            out += "<tr><td>\(HTMLText.escape(node.name))</td><td>\(HTMLText.escape(node.shards.joined(separator: ", ")))</td>"
            out += "<td>\(HTMLText.escape(node.slurmJobs.joined(separator: ", ")))</td><td>\(node.cases.count)</td>"
            for summary in report.metrics {
                let flagged = summary.outliers.contains { $0.node == node.name }
                let text = node.value(summary.metric).map(summary.metric.text) ?? "—"
                out += flagged ? "<td><strong>\(HTMLText.escape(text)) ⚑</strong></td>" : "<td>\(HTMLText.escape(text))</td>"
            }
            out += "</tr>\n"
        }
        out += "</table>\n<ul>" + report.metrics.map { "<li><strong>\(HTMLText.escape($0.title))</strong>: \(HTMLText.escape($0.definition))</li>" }.joined() + "</ul></section>\n"
        return out
    }

    private var charts: String {
        var out = "<section><h2>The fleet per metric</h2>\n"
        let categories = report.nodes.enumerated().map { (x: Double($0.offset), label: $0.element.name) }
        for summary in report.metrics where summary.nodesMeasured > 0 {
            let flagged = Set(summary.outliers.map(\.node))
            func series(_ name: String, _ color: String, flaggedOnes: Bool) -> ChartSeries {
                ChartSeries(name: name, color: color, points: report.nodes.enumerated().compactMap { index, node in
                    guard flagged.contains(node.name) == flaggedOnes, let value = node.value(summary.metric), let one = Summary([value]) else { return nil }
                    return ChartSeries.Point(x: Double(index), summary: one)
                })
            }
            let chart = SVGBarChart(categories: categories, yTitle: summary.title,
                                    series: [series("within the fleet", ChartPalette.host, flaggedOnes: false),
                                             series("flagged (|z| > 3.5)", ChartPalette.contendedRaw, flaggedOnes: true)],
                                    logScale: false, yLabel: { summary.metric.text($0) },
                                    width: max(640, 60 * Double(report.nodes.count) + 280)).svg()
            out += "<figure><figcaption><strong>\(HTMLText.escape(summary.title))</strong><br>\(HTMLText.escape(summary.definition))</figcaption>\n\(chart)</figure>\n"
        }
        return out + "</section>\n"
    }

    private var casesTable: String {
        var out = "<section><h2>Per node and case</h2><table><tr><th>node</th><th>case</th><th>runs</th><th>median</th><th>p25–p75</th>"
            + "<th>adjusted</th><th>steal</th><th>exits</th><th>MB/s</th></tr>\n"
        for node in report.nodes {
            for summary in node.cases {
                let cells = [
                    node.name, summary.sweepCase.label, String(summary.wallNs.count),
                    NumberText.duration(nanoseconds: summary.wallNs.median),
                    "\(NumberText.duration(nanoseconds: summary.wallNs.p25))–\(NumberText.duration(nanoseconds: summary.wallNs.p75))",
                    NumberText.duration(nanoseconds: summary.adjustedNs.median), NumberText.duration(nanoseconds: summary.stealNs.median),
                    summary.exitsTotal.map { NumberText.significant($0.median) } ?? "",
                    summary.megabytesPerSecond.map { NumberText.significant($0.median) } ?? "",
                ]
                out += "<tr>" + cells.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>\n"
            }
        }
        return out + "</table></section>\n"
    }
}
