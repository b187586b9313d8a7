/// The compare table printed on the terminal: one line per case, raw then steal-adjusted.
struct ComparisonText {
    let comparison: SweepComparison

    func render() -> String {
        let level = NumberText.percent(comparison.confidence)
        var out = "A: \(comparison.baseline.paths.joined(separator: ", ")) (\(comparison.baseline.nodes.joined(separator: ", ")))\n"
        out += "B: \(comparison.candidate.paths.joined(separator: ", ")) (\(comparison.candidate.nodes.joined(separator: ", ")))\n\n"
        var rows = [["case", "runs A/B", "median A", "median B", "B/A [\(level)]", "verdict", "adjusted A", "adjusted B", "adj. B/A [\(level)]", "adj. verdict"]]
        for item in comparison.cases {
            rows.append([
                item.label, "\(item.baselineRuns)/\(item.candidateRuns)",
                NumberText.duration(nanoseconds: item.baselineMedianNs), NumberText.duration(nanoseconds: item.candidateMedianNs),
                Self.interval(item.wall), item.wallVerdict.rawValue,
                NumberText.duration(nanoseconds: item.baselineAdjustedMedianNs),
                NumberText.duration(nanoseconds: item.candidateAdjustedMedianNs),
                Self.interval(item.adjusted), item.adjustedVerdict.rawValue,
            ])
        }
        out += TerminalTable.layout(rows)
        if !comparison.onlyInBaseline.isEmpty { out += "only in A: \(comparison.onlyInBaseline.joined(separator: ", "))\n" }
        if !comparison.onlyInCandidate.isEmpty { out += "only in B: \(comparison.onlyInCandidate.joined(separator: ", "))\n" }
        out += "\(comparison.method). Adjusted: the sweep's adjusted_ns, run time less the time the work could not run (steal, and on the host run delay).\n"
        return out
    }

    /// "1.23 [1.10–1.41]", or the reason there is none.
    static func interval(_ ratio: RatioInterval?) -> String {
        guard let ratio else { return "too few runs" }
        return "\(NumberText.fixed(ratio.estimate, digits: 3)) [\(NumberText.fixed(ratio.lower, digits: 3))–\(NumberText.fixed(ratio.upper, digits: 3))]"
    }
}
