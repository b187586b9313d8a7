import Foundation

/// Numbers as the report and the terminal print them.
enum NumberText {
    /// `value` with exactly `digits` decimals.
    static func fixed(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// Three significant digits, no exponent: 0.0123, 1.23, 123, 12300.
    static func significant(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 100 || magnitude == 0 { return String(Int64(value.rounded())) }
        if magnitude >= 10 { return fixed(value, digits: 1) }
        if magnitude >= 1 { return fixed(value, digits: 2) }
        let decimals = min(9, 2 - Int(floor(log10(magnitude))))
        return fixed(value, digits: decimals)
    }

    /// A duration in the unit that keeps it readable: 850 ns, 12.3 µs, 4.56 ms, 1.23 s.
    static func duration(nanoseconds: Double) -> String {
        let magnitude = abs(nanoseconds)
        if magnitude < 1e3 { return "\(significant(nanoseconds)) ns" }
        if magnitude < 1e6 { return "\(significant(nanoseconds / 1e3)) µs" }
        if magnitude < 1e9 { return "\(significant(nanoseconds / 1e6)) ms" }
        return "\(significant(nanoseconds / 1e9)) s"
    }

    /// A ratio as a percentage: 0.123 → "12.3%".
    static func percent(_ ratio: Double) -> String {
        "\(significant(ratio * 100))%"
    }

    /// Seconds as m:ss (for an ETA).
    static func clock(seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded()))
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
