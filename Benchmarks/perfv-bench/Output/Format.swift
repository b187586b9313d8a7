import PerfV

/// Number formatting for the table (human units), without Foundation's locale.
enum Format {
    /// A duration given in ns, in ns / µs / ms / s with three significant-ish digits.
    static func duration(nanoseconds value: Double) -> String {
        switch abs(value) {
        case ..<1_000: return FixedDecimal.text(value, digits: value < 100 ? 1 : 0) + " ns"
        case ..<1_000_000: return FixedDecimal.text(value / 1e3, digits: value < 1e5 ? 2 : 1) + " µs"
        case ..<1_000_000_000: return FixedDecimal.text(value / 1e6, digits: value < 1e8 ? 2 : 1) + " ms"
        default: return FixedDecimal.text(value / 1e9, digits: 2) + " s"
        }
    }

    /// A byte count in B / KiB / MiB.
    static func bytes(_ value: Double) -> String {
        switch abs(value) {
        case ..<1024: return FixedDecimal.text(value, digits: 0) + " B"
        case ..<(1024 * 1024): return FixedDecimal.text(value / 1024, digits: 1) + " KiB"
        default: return FixedDecimal.text(value / 1024 / 1024, digits: 2) + " MiB"
        }
    }

    /// A value in the row's unit.
    static func value(_ value: Double, unit: BenchmarkRow.Unit) -> String {
        unit == .bytes ? bytes(value) : duration(nanoseconds: value)
    }
}
