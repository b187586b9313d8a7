/// The compare page: one self-contained HTML file (the sweep report's style, an inline
/// SVG interval chart, no scripts) with each case's ratio B/A, raw and steal-adjusted.
struct ComparisonHTML {
    let comparison: SweepComparison

    func render() -> String {
        let level = NumberText.percent(comparison.confidence)
        let body = """
        <header><h1>PerfV compare: B against A</h1>
        <p class="meta">A: \(HTMLText.escape(side(comparison.baseline)))</p>
        <p class="meta">B: \(HTMLText.escape(side(comparison.candidate)))</p></header>
        <section><h2>Ratio B/A of run times, \(level) intervals</h2>
        <p>Above 1: B takes longer (slower). Method: \(HTMLText.escape(comparison.method)).</p>
        <figure>\(chart)</figure></section>
        \(table)\(unmatched)
        """
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>PerfV compare</title>
        <style>\(HTMLReport.style)</style></head>
        <body>\(body)</body></html>

        """
    }

    private func side(_ side: SweepComparison.Side) -> String {
        "\(side.paths.joined(separator: ", ")) — node \(side.nodes.joined(separator: ", ")), started \(side.startedAt.joined(separator: ", "))"
    }

    private var chart: String {
        var rows: [SVGRatioChart.Row] = []
        for item in comparison.cases {
            if let ratio = item.wall {
                rows.append(.init(label: item.label, estimate: ratio.estimate, lower: ratio.lower, upper: ratio.upper, color: ChartPalette.contendedRaw))
            }
            if let ratio = item.adjusted {
                rows.append(.init(label: item.label + " (adjusted)", estimate: ratio.estimate, lower: ratio.lower, upper: ratio.upper,
                                  color: ChartPalette.contendedAdjusted))
            }
        }
        if rows.isEmpty { return "<p>No case has enough runs on both sides for an interval.</p>" }
        return SVGRatioChart(rows: rows, xTitle: "B/A (1 = no difference)",
                             legend: [("raw run time", ChartPalette.contendedRaw, false),
                                      ("steal-adjusted", ChartPalette.contendedAdjusted, false)]).svg()
    }

    private var table: String {
        let level = NumberText.percent(comparison.confidence)
        var out = "<section><h2>Per case</h2><table><tr><th>case</th><th>runs A/B</th><th>median A</th><th>median B</th>"
            + "<th>B/A [\(level)]</th><th>verdict</th><th>adjusted A</th><th>adjusted B</th><th>adjusted B/A [\(level)]</th><th>adjusted verdict</th></tr>\n"
        for item in comparison.cases {
            let cells = [
                item.label, "\(item.baselineRuns)/\(item.candidateRuns)",
                NumberText.duration(nanoseconds: item.baselineMedianNs), NumberText.duration(nanoseconds: item.candidateMedianNs),
                ComparisonText.interval(item.wall), item.wallVerdict.rawValue,
                NumberText.duration(nanoseconds: item.baselineAdjustedMedianNs),
                NumberText.duration(nanoseconds: item.candidateAdjustedMedianNs),
                ComparisonText.interval(item.adjusted), item.adjustedVerdict.rawValue,
            ]
            out += "<tr>" + cells.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</table></section>\n"
    }

    private var unmatched: String {
        var out = ""
        if !comparison.onlyInBaseline.isEmpty { out += "<p>Only in A: \(HTMLText.escape(comparison.onlyInBaseline.joined(separator: ", ")))</p>\n" }
        if !comparison.onlyInCandidate.isEmpty { out += "<p>Only in B: \(HTMLText.escape(comparison.onlyInCandidate.joined(separator: ", ")))</p>\n" }
        return out
    }
}
