#if canImport(Glibc)
import Glibc
#endif

/// A number with a fixed count of decimals, as printf's `%.Nf` writes it in the
/// C locale: what `String(format:)` gave, without Foundation (and its ICU) in libperfv.
package enum FixedDecimal {
    /// `value` with exactly `digits` decimals; non-finite values as Swift prints them.
    package static func text(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var buffer = [CChar](repeating: 0, count: 350)  // fits %.Nf of any finite Double for small N
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(digits)f", $0) }
        return String(cString: buffer)
    }
}
