/// The regions table printed by default: one line per region, indented by depth.
struct RegionsText {
    let report: RegionsReport

    func render() -> String {
        let throttling = report.hasThrottling
        var header = ["region", "calls", "raw", "adjusted", "steal", "run delay"]
        if throttling { header.append("throttled") }
        header += ["imbalance threads", "imbalance ranks"]
        var rows = [header]
        for region in report.regions {
            let depth = region.path.split(separator: "/").count - 1
            var row = [
                String(repeating: "  ", count: depth) + (region.path.split(separator: "/").last.map(String.init) ?? region.path),
                String(region.calls),
                NumberText.duration(nanoseconds: Double(region.rawNanoseconds)),
                NumberText.duration(nanoseconds: Double(region.adjustedNanoseconds)),
                NumberText.percent(region.stealShare),
                NumberText.percent(region.runDelayShare),
            ]
            if throttling { row.append(region.throttledShare.map(NumberText.percent) ?? "") }
            row += [
                "\(NumberText.fixed(region.threadImbalance, digits: 2)) (\(region.threads))",
                "\(NumberText.fixed(region.rankImbalance, digits: 2)) (\(region.ranks))",
            ]
            rows.append(row)
        }
        let summary = "\(report.ranks) rank file\(report.ranks == 1 ? "" : "s"), \(report.threads) threads. "
            + "steal, run delay, throttled: shares of raw time; imbalance: max/mean of the raw totals "
            + "of the threads (ranks) that ran the region, their number in parentheses.\n"
        return TerminalTable.layout(rows) + summary
    }
}
