/// An inline SVG of the overhead decomposition: one row per guest case, the measured
/// overhead (guest − host median) as the full bar, the part the VM exits explain
/// (exits × cost per exit, stacked by exit reason) coloured in, the rest grey.
struct SVGOverheadChart {
    var rows: [OverheadBreakdown]
    var reasonColors: [String: String]
    var width = 900.0

    static let unexplainedColor = "#d9d9d9"

    func svg() -> String {
        let rowHeight = 26.0, top = 8.0, labelWidth = 230.0, noteWidth = 330.0
        // The axis runs past 100% when exits explain more than the overhead (up to 200%).
        let largest = rows.compactMap(\.explainedFraction).max() ?? 1
        let axisPercent = largest > 1 ? min(200, (largest * 100 / 25).rounded(.up) * 25) : 100
        let left = labelWidth, right = width - noteWidth
        let hundred = left + (right - left) * 100 / axisPercent
        let height = top + rowHeight * Double(rows.count) + 40
        var out = SVGFrame.open(width: width, height: height)
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index)
            out += SVGFrame.text(row.label, x: left - 8, y: y + 16, anchor: "end")
            let barWidth = hundred - left
            let overhead = row.overheadNs
            guard overhead > 0 else {
                out += SVGFrame.text("guest not slower than host (\(NumberText.duration(nanoseconds: overhead)))", x: left + 4, y: y + 16, anchor: "start", color: "#555")
                continue
            }
            out += "<rect x=\"\(f(left))\" y=\"\(f(y + 4))\" width=\"\(f(barWidth))\" height=\"16\" fill=\"\(Self.unexplainedColor)\"><title>not explained by exits</title></rect>\n"
            var x = left
            for part in row.contributions {
                let share = min(part.totalNs / overhead, (right - x) / barWidth)
                guard share > 0 else { continue }
                let color = reasonColors[part.reason] ?? "#8c564b"
                out += "<rect x=\"\(f(x))\" y=\"\(f(y + 4))\" width=\"\(f(share * barWidth))\" height=\"16\" fill=\"\(color)\"><title>\(HTMLText.escape(part.reason)) exits: \(NumberText.significant(part.exits)) × \(NumberText.duration(nanoseconds: part.nanosecondsPerExit)) = \(NumberText.duration(nanoseconds: part.totalNs))</title></rect>\n"
                x += share * barWidth
            }
            let explained = row.explainedFraction ?? 0
            let note = "\(NumberText.duration(nanoseconds: row.guestMedianNs)) − \(NumberText.duration(nanoseconds: row.hostMedianNs)) = \(NumberText.duration(nanoseconds: overhead)) · exits \(NumberText.percent(explained))"
            out += SVGFrame.text(note, x: right + 8, y: y + 16, anchor: "start")
        }
        let axisY = top + rowHeight * Double(rows.count) + 8
        for percent in stride(from: 0, through: Int(axisPercent), by: 25) {
            let x = left + (right - left) * Double(percent) / axisPercent
            out += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(axisY))\" stroke=\"\(percent == 100 ? "#333" : "#999")\" stroke-width=\"\(percent == 100 ? "1.2" : "0.6")\" stroke-dasharray=\"2 3\"/>\n"
            out += SVGFrame.text("\(percent)%", x: x, y: axisY + 14, anchor: "middle")
        }
        out += SVGFrame.text("exits × cost per exit, as a share of the measured overhead (guest − host, steal-adjusted medians)", x: (left + right) / 2, y: axisY + 30, anchor: "middle", weight: "600")
        return out + "</svg>\n"
    }

    private func f(_ value: Double) -> String { NumberText.fixed(value, digits: 1) }
}
