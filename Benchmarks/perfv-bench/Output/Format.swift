#if canImport(Glibc)
import Glibc
#endif

/// Number formatting for the table (fixed digits, human units), without Foundation's locale.
enum Format {
    /// `value` with exactly `digits` decimals.
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(digits)f", $0) }
        return String(cString: buffer)
    }

    /// A duration given in ns, in ns / µs / ms / s with three significant-ish digits.
    static func duration(nanoseconds value: Double) -> String {
        switch abs(value) {
        case ..<1_000: return fixed(value, digits: value < 100 ? 1 : 0) + " ns"
        case ..<1_000_000: return fixed(value / 1e3, digits: value < 1e5 ? 2 : 1) + " µs"
        case ..<1_000_000_000: return fixed(value / 1e6, digits: value < 1e8 ? 2 : 1) + " ms"
        default: return fixed(value / 1e9, digits: 2) + " s"
        }
    }

    /// A byte count in B / KiB / MiB.
    static func bytes(_ value: Double) -> String {
        switch abs(value) {
        case ..<1024: return fixed(value, digits: 0) + " B"
        case ..<(1024 * 1024): return fixed(value / 1024, digits: 1) + " KiB"
        default: return fixed(value / 1024 / 1024, digits: 2) + " MiB"
        }
    }

    /// A value in the row's unit.
    static func value(_ value: Double, unit: BenchmarkRow.Unit) -> String {
        unit == .bytes ? bytes(value) : duration(nanoseconds: value)
    }
}
