import Foundation

/// Numbers as the report and the terminal print them.
package enum NumberText {
    /// `value` with exactly `digits` decimals.
    package static func fixed(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// Three significant digits, no exponent: 0.0123, 1.23, 123, 12300.
    package static func significant(_ value: Double) -> String {
        let magnitude = abs(value)
        if value == value.rounded(), magnitude < 1e15 { return String(Int64(value)) }
        if magnitude >= 100 || magnitude == 0 { return String(Int64(value.rounded())) }
        if magnitude >= 10 { return fixed(value, digits: 1) }
        if magnitude >= 1 { return fixed(value, digits: 2) }
        let decimals = min(9, 2 - Int(floor(log10(magnitude))))
        return fixed(value, digits: decimals)
    }

    /// Large counts with a metric suffix: 950, 12.3k, 1.09M, 2.5G.
    package static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e9 { return significant(value / 1e9) + "G" }
        if magnitude >= 1e6 { return significant(value / 1e6) + "M" }
        if magnitude >= 1e4 { return significant(value / 1e3) + "k" }
        return significant(value)
    }

    /// A duration in the unit that keeps it readable: 850 ns, 12.3 µs, 4.56 ms, 1.23 s.
    package static func duration(nanoseconds: Double) -> String {
        let magnitude = abs(nanoseconds)
        if magnitude < 1e3 { return "\(significant(nanoseconds)) ns" }
        if magnitude < 1e6 { return "\(significant(nanoseconds / 1e3)) µs" }
        if magnitude < 1e9 { return "\(significant(nanoseconds / 1e6)) ms" }
        return "\(significant(nanoseconds / 1e9)) s"
    }

    /// A ratio as a percentage: 0.123 → "12.3%", 0.095 → "9.5%", 1.2 → "120%".
    package static func percent(_ ratio: Double) -> String {
        "\(trimmed(significant(ratio * 100)))%"
    }

    /// A tick value without trailing zeros: 2.5, 0.5, 1, 1.25.
    package static func tick(_ value: Double) -> String {
        trimmed(fixed(value, digits: 2))
    }

    /// Drops trailing zeros of a decimal fraction ("2.50" → "2.5", "3.00" → "3").
    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = text
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return result
    }

    /// Seconds as m:ss (for an ETA).
    package static func clock(seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded()))
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
