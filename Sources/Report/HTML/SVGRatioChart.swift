/// An inline SVG interval chart of ratios (a forest plot): one row per item, a dot at
/// the estimate, a bar from the interval's lower to upper end, and a line at 1
/// (no difference).
struct SVGRatioChart {
    struct Row {
        let label: String
        let estimate: Double
        let lower: Double
        let upper: Double
        let color: String
    }

    var rows: [Row]
    var xTitle: String
    var legend: [(name: String, color: String, dashed: Bool)]
    var width = 900.0

    func svg() -> String {
        let rowHeight = 18.0, labelWidth = 300.0, legendWidth = 190.0
        let left = labelWidth, right = width - legendWidth - 12, top = 14.0
        let bottom = top + rowHeight * Double(max(rows.count, 1)) + 6
        let height = bottom + 40
        let axis = ChartAxis(scale: .linear, covering: rows.flatMap { [$0.lower, $0.upper] } + [1], from: left, to: right)
        var out = SVGFrame.open(width: width, height: height)
        for tick in axis.ticks {
            let x = axis.position(tick)
            out += SVGFrame.gridLine(x1: x, y1: top, x2: x, y2: bottom)
            out += SVGFrame.text(NumberText.tick(tick), x: x, y: bottom + 16, anchor: "middle")
        }
        let one = axis.position(1)
        out += "<line x1=\"\(f(one))\" y1=\"\(f(top))\" x2=\"\(f(one))\" y2=\"\(f(bottom))\" stroke=\"#444\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n"
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * (Double(index) + 0.5)
            out += SVGFrame.text(row.label, x: left - 8, y: y + 4, anchor: "end", size: 10.5)
            let interval = "\(NumberText.fixed(row.estimate, digits: 3)) [\(NumberText.fixed(row.lower, digits: 3))–\(NumberText.fixed(row.upper, digits: 3))]"
            out += "<g><title>\(HTMLText.escape(row.label)): \(interval)</title>"
            out += "<line x1=\"\(f(axis.position(row.lower)))\" y1=\"\(f(y))\" x2=\"\(f(axis.position(row.upper)))\" y2=\"\(f(y))\" stroke=\"\(row.color)\" stroke-width=\"3\"/>"
            out += "<circle cx=\"\(f(axis.position(row.estimate)))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(row.color)\"/></g>\n"
        }
        out += SVGFrame.axes(left: left, right: right, top: top, bottom: bottom)
        out += SVGFrame.text(xTitle, x: (left + right) / 2, y: bottom + 34, anchor: "middle", weight: "600")
        out += SVGFrame.legend(legend, x: right + 16, y: top + 4, width: legendWidth)
        return out + "</svg>\n"
    }

    private func f(_ value: Double) -> String { NumberText.fixed(value, digits: 1) }
}
