/// The compact table printed after a sweep: one line per case with its median,
/// spread, steal-adjusted median and, for I/O, throughput.
public enum TerminalTable {
    public static func render(_ analysis: SweepAnalysis) -> String {
        var rows: [[String]] = [["case", "runs", "median", "p25–p75", "adjusted", "steal", "run delay", "exits", "MB/s"]]
        for summary in analysis.summaries {
            rows.append([
                summary.sweepCase.label,
                String(summary.wallNs.count),
                NumberText.duration(nanoseconds: summary.wallNs.median),
                "\(NumberText.duration(nanoseconds: summary.wallNs.p25))–\(NumberText.duration(nanoseconds: summary.wallNs.p75))",
                NumberText.duration(nanoseconds: summary.adjustedNs.median),
                NumberText.duration(nanoseconds: summary.stealNs.median),
                summary.runDelayNs.map { NumberText.duration(nanoseconds: $0.median) } ?? "",
                summary.exitsTotal.map { NumberText.significant($0.median) } ?? "",
                summary.megabytesPerSecond.map { NumberText.significant($0.median) } ?? "",
            ])
        }
        return layout(rows)
    }

    /// `rows` in aligned columns, the first row a header underlined; the first
    /// column left-aligned, the rest (numbers) right-aligned.
    package static func layout(_ rows: [[String]]) -> String {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.enumerated().map { index, row in
            let line = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
            return index == 0 ? line + "\n" + String(repeating: "─", count: line.count) : line
        }.joined(separator: "\n") + "\n"
    }
}
