import PerfV

/// The report as a plain-text table: one line per row, grouped by comparison, with each
/// row's note (a missing figure's reason, a missed target) underneath.
enum TableRenderer {
    static func render(_ report: BenchmarkReport) -> String {
        var lines: [String] = []
        let machine = report.machine
        lines.append("perfv-bench — \(machine.cpuModel), \(machine.cpuCount) CPUs, Linux \(machine.kernel)"
            + (machine.hypervisor.map { ", guest of \($0)" } ?? "") + (machine.kvmFlavor.map { ", /dev/kvm: \($0)" } ?? ""))
        let end = machine.loadAverageAtEnd.map { " → \(loadText($0))" } ?? ""
        lines.append("started \(report.startedAt), load average \(loadText(machine.loadAverageAtStart))\(end), "
            + "\(machine.build) build\(report.quick ? ", --quick (smoke run: too few repetitions for figures)" : "")")
        lines.append("")

        let header = ["row", "PerfV", "baseline", "ratio", "p25–p75", "target", "met"]
        var table: [[String]] = []
        var notes: [Int: [String]] = [:]
        var group = ""
        for row in report.rows {
            if row.group != group {
                group = row.group
                table.append([group])
            }
            table.append([
                "  " + row.name,
                row.perfvValue.map { Format.value($0, unit: row.unit) } ?? "—",
                row.baselineValue.map { Format.value($0, unit: row.unit) } ?? "—",
                row.ratio.map { FixedDecimal.text($0, digits: 3) + "×" } ?? "—",
                row.ratioSpread.map { "\(FixedDecimal.text($0.p25, digits: 3))–\(FixedDecimal.text($0.p75, digits: 3))" } ?? "",
                row.targetText,
                row.met.map { $0 ? "yes" : "NO" } ?? "",
            ])
            var rowNotes = ["    PerfV:    \(row.perfv)", "    baseline: \(row.baseline)   (ratio = \(row.ratioIs.rawValue))"]
            if let note = row.note { rowNotes.append("    note:     \(note)") }
            notes[table.count - 1] = rowNotes
        }
        let widths = header.indices.map { column in
            max(header[column].count, table.filter { $0.count == header.count }.map { $0[column].count }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == 0 ? cell.padding(widths[column]) : cell.leftPadding(widths[column])
            }.joined(separator: "  ")
        }
        lines.append(line(header))
        for (index, cells) in table.enumerated() {
            lines.append(cells.count == header.count ? line(cells) : cells[0])
            lines.append(contentsOf: notes[index] ?? [])
        }
        lines.append("")
        lines.append("Method:")
        lines.append(contentsOf: report.method.map { "  - " + $0 })
        lines.append("Command: \(report.command)")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func loadText(_ load: [Double]) -> String {
        load.isEmpty ? "unknown" : load.map { FixedDecimal.text($0, digits: 2) }.joined(separator: " ")
    }
}

private extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    func leftPadding(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
