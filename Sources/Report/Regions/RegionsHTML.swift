/// The regions page: one self-contained HTML file (the sweep report's style, inline
/// SVG bars, no scripts) with each region's time, what it lost, and its imbalance.
struct RegionsHTML {
    let report: RegionsReport

    func render() -> String {
        let body = """
        <header><h1>PerfV named regions</h1>
        <p class="meta">\(report.ranks) rank file\(report.ranks == 1 ? "" : "s") · \(report.threads) threads · \(report.regions.count) regions</p></header>
        \(figures)\(table)\(sources)
        """
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>PerfV named regions</title>
        <style>\(HTMLReport.style)</style></head>
        <body>\(body)</body></html>

        """
    }

    private var categories: [(x: Double, label: String)] {
        report.regions.enumerated().map { (Double($0.offset), $0.element.path) }
    }

    /// A series with one bar per region: `value` of each region, nil for none.
    private func series(_ name: String, _ color: String, _ value: (RegionTotals) -> Double?) -> ChartSeries {
        let points = report.regions.enumerated().compactMap { index, region in
            value(region).flatMap { Summary([$0]) }.map { ChartSeries.Point(x: Double(index), summary: $0) }
        }
        return ChartSeries(name: name, color: color, points: points)
    }

    private func chart(_ yTitle: String, _ series: [ChartSeries], logScale: Bool, yLabel: @escaping (Double) -> String) -> String {
        SVGBarChart(categories: categories, yTitle: yTitle, series: series, logScale: logScale, yLabel: yLabel,
                    width: max(640, 70 * Double(report.regions.count * series.count) + 260)).svg()
    }

    private func figure(_ title: String, _ caption: String, _ svg: String) -> String {
        "<figure><figcaption><strong>\(HTMLText.escape(title))</strong><br>\(HTMLText.escape(caption))</figcaption>\n\(svg)</figure>\n"
    }

    private var figures: String {
        var lost = [
            series("steal", ChartPalette.steal) { $0.stealShare * 100 },
            series("run delay", ChartPalette.runDelay) { $0.runDelayShare * 100 },
        ]
        if report.hasThrottling { lost.append(series("throttled", ChartPalette.throttled) { $0.throttledShare.map { $0 * 100 } }) }
        let time = chart("time, summed over calls, threads, ranks", [
            series("raw", ChartPalette.contendedRaw) { Double($0.rawNanoseconds) },
            series("steal-adjusted", ChartPalette.contendedAdjusted) { Double($0.adjustedNanoseconds) },
        ], logScale: true) { NumberText.duration(nanoseconds: $0) }
        let imbalance = chart("max ÷ mean of raw totals", [
            series("across threads", ChartPalette.imbalanceThreads) { $0.threadImbalance },
            series("across ranks", ChartPalette.imbalanceRanks) { $0.rankImbalance },
        ], logScale: false) { "\(NumberText.tick($0))×" }
        return "<section><h2>Regions</h2>\n"
            + figure("Raw and steal-adjusted time", "Log scale. Adjusted time is raw time less the steal and run delay each call saw.", time)
            + figure("Share of raw time lost", "Percent of each region's raw time.", chart("% of raw time", lost, logScale: false) { "\(NumberText.tick($0))%" })
            + figure("Imbalance", "1× is even; over the threads (ranks) that ran the region.", imbalance)
            + "</section>\n"
    }

    private var table: String {
        let throttling = report.hasThrottling
        let rows = report.regions.map { region -> String in
            var cells = [
                HTMLText.escape(region.path), String(region.calls),
                NumberText.duration(nanoseconds: Double(region.rawNanoseconds)), NumberText.duration(nanoseconds: Double(region.adjustedNanoseconds)),
                NumberText.percent(region.stealShare), NumberText.percent(region.runDelayShare),
            ]
            if throttling { cells.append(region.throttledShare.map(NumberText.percent) ?? "") }
            cells += ["\(NumberText.fixed(region.threadImbalance, digits: 2)) (\(region.threads))", "\(NumberText.fixed(region.rankImbalance, digits: 2)) (\(region.ranks))"]
            return "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
        }.joined(separator: "\n")
        let throttledHeader = throttling ? "<th>throttled</th>" : ""
        return """
        <section><h2>Every region</h2>
        <table class="data"><tr><th>region</th><th>calls</th><th>raw</th><th>adjusted</th><th>steal</th><th>run delay</th>\(throttledHeader)<th>imbalance, threads</th><th>imbalance, ranks</th></tr>
        \(rows)
        </table></section>

        """
    }

    private var sources: String {
        "<section><h2>Rank files</h2><ul>" + report.files.map { "<li><code>\(HTMLText.escape($0))</code></li>" }.joined() + "</ul></section>\n"
    }
}
