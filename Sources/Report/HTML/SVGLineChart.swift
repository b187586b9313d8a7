/// An inline SVG line chart: x on a log₂ axis (matrix sizes), y on a log or linear
/// axis, one polyline per series through the medians, with p25–p75 whiskers and an
/// optional labelled horizontal reference line.
struct SVGLineChart {
    var xTitle: String
    var yTitle: String
    var series: [ChartSeries]
    var xLabel: (Double) -> String = { NumberText.significant($0) }
    var yLabel: (Double) -> String = { NumberText.significant($0) }
    var yScale = ChartAxis.Scale.log
    /// A horizontal line at this y value, with its legend text.
    var reference: (value: Double, label: String)?
    var width = 640.0
    var height = 340.0

    func svg() -> String {
        let legendWidth = 190.0
        let left = 74.0, right = width - legendWidth - 12, top = 16.0, bottom = height - 46
        let xs = Array(Set(series.flatMap { $0.points.map(\.x) })).sorted()
        let ys = series.flatMap { $0.points.flatMap { [$0.p25, $0.p75, $0.median] } }
        let xAxis = ChartAxis(scale: .log, low: (xs.first ?? 1) / 1.25, high: (xs.last ?? 10) * 1.25, from: left, to: right)
        let yAxis = ChartAxis(scale: yScale, covering: ys + [reference?.value].compactMap { $0 }, from: bottom, to: top, includeZero: true)
        var out = SVGFrame.open(width: width, height: height)
        for tick in yAxis.ticks {
            let y = yAxis.position(tick)
            out += SVGFrame.gridLine(x1: left, y1: y, x2: right, y2: y)
            out += SVGFrame.text(yLabel(tick), x: left - 6, y: y + 4, anchor: "end")
        }
        for x in xs {
            let px = xAxis.position(x)
            out += SVGFrame.gridLine(x1: px, y1: top, x2: px, y2: bottom)
            out += SVGFrame.text(xLabel(x), x: px, y: bottom + 16, anchor: "middle")
        }
        out += SVGFrame.axes(left: left, right: right, top: top, bottom: bottom)
        out += SVGFrame.text(xTitle, x: (left + right) / 2, y: height - 8, anchor: "middle", weight: "600")
        out += SVGFrame.text(yTitle, x: 14, y: (top + bottom) / 2, anchor: "middle", weight: "600", rotate: true)
        if let reference {
            let y = yAxis.position(reference.value)
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(right))\" y2=\"\(f(y))\" stroke=\"#555\" stroke-width=\"1.4\" stroke-dasharray=\"2 3\"/>\n"
        }
        for line in series where !line.points.isEmpty {
            let sorted = line.points.sorted { $0.x < $1.x }
            let path = sorted.map { "\(f(xAxis.position($0.x))),\(f(yAxis.position($0.median)))" }.joined(separator: " ")
            let dash = line.dashed ? " stroke-dasharray=\"6 4\"" : ""
            out += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2.2\"\(dash)/>\n"
            for point in sorted {
                let px = xAxis.position(point.x)
                let low = yAxis.position(point.p25), high = yAxis.position(point.p75)
                if abs(low - high) > 1.5 {
                    out += "<path d=\"M\(f(px)) \(f(low))V\(f(high))M\(f(px - 4)) \(f(low))h8M\(f(px - 4)) \(f(high))h8\" stroke=\"\(line.color)\" stroke-width=\"1.2\"/>\n"
                }
                out += "<circle cx=\"\(f(px))\" cy=\"\(f(yAxis.position(point.median)))\" r=\"3.4\" fill=\"\(line.color)\"><title>\(HTMLText.escape(line.name)) · \(HTMLText.escape(xLabel(point.x))): \(HTMLText.escape(yLabel(point.median)))</title></circle>\n"
            }
        }
        var entries = series.map { ($0.name, $0.color, $0.dashed) }
        if let reference { entries.append((reference.label, "#555", true)) }
        out += SVGFrame.legend(entries, x: right + 16, y: top + 4, width: legendWidth)
        return out + "</svg>\n"
    }

    private func f(_ value: Double) -> String { NumberText.fixed(value, digits: 1) }
}
