import PerfV

/// The report as a Markdown table for the README: one line per row with medians,
/// the ratio and its interquartile range, the target and whether it was met; the notes
/// of missed targets and missing figures follow. What each row runs is in the plain
/// table and the JSON.
enum MarkdownRenderer {
    static func render(_ report: BenchmarkReport) -> String {
        let machine = report.machine
        var lines = [
            "Measured \(report.startedAt) on \(machine.cpuModel), \(machine.cpuCount) CPUs, Linux \(machine.kernel)"
                + (machine.hypervisor.map { " (a guest of \($0))" } ?? "")
                + (machine.kvmFlavor.map { ", /dev/kvm: \($0)" } ?? "")
                + ", load average \(machine.loadAverageAtStart.map { FixedDecimal.text($0, digits: 1) }.joined(separator: " "))"
                + " at the start, \(machine.build) build, with `\(report.command)`.",
            "",
            "| # | row | PerfV | baseline | ratio (p25–p75) | target | met |",
            "|---|---|---:|---:|---:|---|---|",
        ]
        for row in report.rows {
            let number = row.group.split(separator: ".").first.map(String.init) ?? ""
            let ratio = row.ratio.map { ratio in
                FixedDecimal.text(ratio, digits: 3) + "×"
                    + (row.ratioSpread.map { " (\(FixedDecimal.text($0.p25, digits: 2))–\(FixedDecimal.text($0.p75, digits: 2)))" } ?? "")
            } ?? "—"
            let cells = [
                number, "`\(row.name)`",
                row.perfvValue.map { Format.value($0, unit: row.unit) } ?? "—",
                row.baselineValue.map { Format.value($0, unit: row.unit) } ?? "—",
                ratio, row.targetText, row.met.map { $0 ? "yes" : "**no**" } ?? "",
            ]
            lines.append("| " + cells.map { $0.replacingPipes() }.joined(separator: " | ") + " |")
        }
        let notes = report.rows.filter { $0.note != nil && ($0.met == false || $0.ratio == nil) }
        if !notes.isEmpty {
            lines.append("")
            lines.append(contentsOf: notes.map { "- `\($0.name)`: \($0.note!)" })
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func replacingPipes() -> String { split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
}
