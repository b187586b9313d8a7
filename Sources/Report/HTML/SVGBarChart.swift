/// An inline SVG grouped bar chart: one group per category (e.g. block size), one bar
/// per series, median height with a p25–p75 whisker and the median printed above.
struct SVGBarChart {
    var categories: [(x: Double, label: String)]
    var yTitle: String
    var series: [ChartSeries]
    var logScale = true
    var yLabel: (Double) -> String = { NumberText.compact($0) }
    var width = 640.0
    var height = 340.0

    func svg() -> String {
        let legendWidth = 190.0
        let left = 74.0, right = width - legendWidth - 12, top = 18.0, bottom = height - 46
        let values = series.flatMap { $0.points.flatMap { [$0.p25, $0.p75, $0.median] } }
        let yAxis = ChartAxis(scale: logScale ? .log : .linear, covering: values, from: bottom, to: top, includeZero: true)
        var out = SVGFrame.open(width: width, height: height)
        for tick in yAxis.ticks {
            let y = yAxis.position(tick)
            out += SVGFrame.gridLine(x1: left, y1: y, x2: right, y2: y)
            out += SVGFrame.text(yLabel(tick), x: left - 6, y: y + 4, anchor: "end")
        }
        let groupWidth = (right - left) / Double(max(categories.count, 1))
        let barWidth = min(44, groupWidth * 0.8 / Double(max(series.count, 1)))
        for (groupIndex, category) in categories.enumerated() {
            let groupLeft = left + groupWidth * Double(groupIndex)
            let barsLeft = groupLeft + (groupWidth - barWidth * Double(series.count)) / 2
            out += SVGFrame.text(category.label, x: groupLeft + groupWidth / 2, y: bottom + 16, anchor: "middle")
            for (seriesIndex, bars) in series.enumerated() {
                guard let point = bars.points.first(where: { $0.x == category.x }) else { continue }
                let x = barsLeft + barWidth * Double(seriesIndex)
                let y = yAxis.position(point.median)
                let base = yAxis.position(yAxis.low)
                out += "<rect x=\"\(f(x + 1))\" y=\"\(f(y))\" width=\"\(f(barWidth - 2))\" height=\"\(f(max(base - y, 0.5)))\" fill=\"\(bars.color)\"><title>\(HTMLText.escape(bars.name)) · \(HTMLText.escape(category.label)): \(HTMLText.escape(yLabel(point.median)))</title></rect>\n"
                let low = yAxis.position(point.p25), high = yAxis.position(point.p75)
                let mid = x + barWidth / 2
                if abs(low - high) > 1.5 {
                    out += "<path d=\"M\(f(mid)) \(f(low))V\(f(high))M\(f(mid - 4)) \(f(low))h8M\(f(mid - 4)) \(f(high))h8\" stroke=\"#222\" stroke-width=\"1\"/>\n"
                }
                out += SVGFrame.text(yLabel(point.median), x: mid, y: min(y, high) - 4, anchor: "middle", size: 9.5)
            }
        }
        out += SVGFrame.axes(left: left, right: right, top: top, bottom: bottom)
        out += SVGFrame.text(yTitle, x: 14, y: (top + bottom) / 2, anchor: "middle", weight: "600", rotate: true)
        out += SVGFrame.legend(series.map { ($0.name, $0.color, false) }, x: right + 16, y: top + 4, width: legendWidth)
        return out + "</svg>\n"
    }

    private func f(_ value: Double) -> String { NumberText.fixed(value, digits: 1) }
}
