/// One line (or one bar colour) of a chart: medians with their p25–p75 range.
struct ChartSeries {
    struct Point {
        let x: Double
        let median: Double
        let p25: Double
        let p75: Double

        init(x: Double, summary: Summary, scale: Double = 1) {
            self.x = x
            median = summary.median * scale
            p25 = summary.p25 * scale
            p75 = summary.p75 * scale
        }
    }

    let name: String
    let color: String
    let dashed: Bool
    let points: [Point]

    init(name: String, color: String, dashed: Bool = false, points: [Point]) {
        self.name = name
        self.color = color
        self.dashed = dashed
        self.points = points
    }
}
