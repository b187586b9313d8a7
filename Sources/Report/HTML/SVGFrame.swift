/// The shared pieces of PerfV's inline SVG charts: the root element, axes, grid,
/// labels and legend. Plain SVG 1.1 with system fonts: nothing is fetched.
enum SVGFrame {
    static func open(width: Double, height: Double) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">\n"
    }

    static func axes(left: Double, right: Double, top: Double, bottom: Double) -> String {
        "<path d=\"M\(f(left)) \(f(top))V\(f(bottom))H\(f(right))\" fill=\"none\" stroke=\"#444\" stroke-width=\"1\"/>\n"
    }

    static func gridLine(x1: Double, y1: Double, x2: Double, y2: Double) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>\n"
    }

    static func text(_ content: String, x: Double, y: Double, anchor: String, weight: String = "400",
                     size: Double = 11, color: String = "#333", rotate: Bool = false) -> String {
        let transform = rotate ? " transform=\"rotate(-90 \(f(x)) \(f(y)))\"" : ""
        return "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" font-size=\"\(f(size))\" font-weight=\"\(weight)\" fill=\"\(color)\"\(transform)>\(HTMLText.escape(content))</text>\n"
    }

    /// A vertical legend: a line or swatch sample, then the name.
    static func legend(_ entries: [(name: String, color: String, dashed: Bool)], x: Double, y: Double, width: Double) -> String {
        var out = ""
        for (index, entry) in entries.enumerated() {
            let rowY = y + Double(index) * 20
            let dash = entry.dashed ? " stroke-dasharray=\"6 4\"" : ""
            out += "<line x1=\"\(f(x))\" y1=\"\(f(rowY))\" x2=\"\(f(x + 24))\" y2=\"\(f(rowY))\" stroke=\"\(entry.color)\" stroke-width=\"3\"\(dash)/>\n"
            out += text(entry.name, x: x + 30, y: rowY + 4, anchor: "start")
        }
        return out
    }

    static func f(_ value: Double) -> String { NumberText.fixed(value, digits: 1) }
}
