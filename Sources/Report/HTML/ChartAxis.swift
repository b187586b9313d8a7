import Foundation

/// Maps data values to pixels along one chart axis, linearly or logarithmically,
/// and picks round tick values for it.
struct ChartAxis {
    enum Scale { case linear, log }

    let scale: Scale
    let low: Double
    let high: Double
    /// Pixel positions of `low` and `high` (may be reversed, as for a y axis).
    let from: Double
    let to: Double

    /// An axis covering `values` with some headroom; log axes snap to powers of ten.
    init(scale: Scale, covering values: [Double], from: Double, to: Double, includeZero: Bool = false) {
        self.scale = scale
        self.from = from
        self.to = to
        let finite = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }
        var lo = finite.min() ?? 1
        var hi = finite.max() ?? 10
        switch scale {
        case .log:
            lo = pow(10, floor(log10(lo)))
            hi = pow(10, ceil(log10(hi)))
            if hi <= lo { hi = lo * 10 }
        case .linear:
            if includeZero { lo = min(0, lo) }
            if hi <= lo { hi = lo + 1 }
            let step = Self.niceStep((hi - lo) / 5)
            lo = floor(lo / step) * step
            hi = ceil(hi / step) * step
        }
        low = lo
        high = hi
    }

    /// An axis over exactly [low, high].
    init(scale: Scale, low: Double, high: Double, from: Double, to: Double) {
        self.scale = scale
        self.low = low
        self.high = high
        self.from = from
        self.to = to
    }

    func position(_ value: Double) -> Double {
        let fraction: Double
        switch scale {
        case .linear: fraction = (value - low) / (high - low)
        case .log: fraction = (log10(max(value, low / 10)) - log10(low)) / (log10(high) - log10(low))
        }
        return from + (to - from) * fraction
    }

    /// Round values to label: 1-2-5 steps for linear axes; powers of ten (and 2, 5 times
    /// them when the axis spans less than three decades) for log axes.
    var ticks: [Double] {
        switch scale {
        case .linear:
            let step = Self.niceStep((high - low) / 5)
            return stride(from: low, through: high + step / 2, by: step).map { $0 }
        case .log:
            let decades = Int((log10(high) - log10(low)).rounded())
            var values: [Double] = []
            for exponent in 0...decades {
                let base = low * pow(10, Double(exponent))
                values.append(base)
                if decades < 3, exponent < decades { values += [2 * base, 5 * base] }
            }
            return values
        }
    }

    private static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        let nice: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
        return nice * magnitude
    }
}
