/// Why a whitespace-separated field of a kernel text file is not an unsigned decimal number.
enum DecimalFieldError: Error, Equatable {
    /// The field holds something other than the digits 0-9 (its text is attached).
    case notDecimal(String)
    /// The field starts with a minus sign; kernel counters are never negative.
    case negative(String)
    /// The digits do not fit in a signed 64-bit integer.
    case overflow(String)

    /// A sentence naming the field, e.g. "value 3 of line 'cpu0' is negative: '-5'".
    func reason(field: String) -> String {
        switch self {
        case let .notDecimal(text): return "\(field) is not a decimal number: '\(text)'"
        case let .negative(text): return "\(field) is negative: '\(text)'"
        case let .overflow(text): return "\(field) does not fit in 64 bits: '\(text)'"
        }
    }
}
