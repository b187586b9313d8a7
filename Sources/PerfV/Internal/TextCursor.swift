/// A forward-only cursor over the ASCII bytes of a kernel text file (/proc, /sys).
///
/// It reads straight from the caller's buffer and allocates nothing except when it
/// builds the text of an error message.
struct TextCursor {
    /// Longest excerpt quoted in an error message, so several MB of garbage stay readable.
    static let excerptLimit = 40

    let bytes: UnsafeRawBufferPointer
    private(set) var position: Int = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position >= bytes.count }

    /// The byte under the cursor; only valid when `!isAtEnd`.
    var current: UInt8 { bytes[position] }

    mutating func advance() { position += 1 }

    /// Skips spaces and tabs (not newlines).
    mutating func skipBlanks() {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
        }
    }

    /// True when the bytes at the cursor start with `prefix`; does not move.
    func hasPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count - position >= count else { return false }
        let start = prefix.utf8Start
        for index in 0..<count where bytes[position + index] != start[index] {
            return false
        }
        return true
    }

    /// Moves past `prefix` when the bytes at the cursor start with it; says whether they did.
    mutating func skip(_ prefix: StaticString) -> Bool {
        guard hasPrefix(prefix) else { return false }
        position += prefix.utf8CodeUnitCount
        return true
    }

    /// Moves past the next newline, or to the end when there is none.
    mutating func skipLine() {
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        if position < bytes.count { position += 1 }
    }

    /// Reads an unsigned decimal field that ends at a blank, a newline or the end of the bytes.
    ///
    /// On failure the cursor stays where the field starts.
    mutating func readUnsignedDecimal() -> Result<Int64, DecimalFieldError> {
        let start = position
        var end = position
        while end < bytes.count, !Self.isFieldEnd(bytes[end]) { end += 1 }
        if end == start { return .failure(.notDecimal(excerpt(from: start, to: end))) }
        if bytes[start] == UInt8(ascii: "-") { return .failure(.negative(excerpt(from: start, to: end))) }
        var value: Int64 = 0
        for index in start..<end {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                return .failure(.notDecimal(excerpt(from: start, to: end)))
            }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(byte &- UInt8(ascii: "0")))
            if overflow1 || overflow2 { return .failure(.overflow(excerpt(from: start, to: end))) }
            value = sum
        }
        position = end
        return .success(value)
    }

    /// The text from `start` up to (not including) the next newline, at most `excerptLimit` bytes.
    func line(from start: Int) -> String {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return excerpt(from: start, to: end)
    }

    /// Bytes `start..<end` as text, shortened to `excerptLimit` bytes with "…" when longer.
    func excerpt(from start: Int, to end: Int) -> String {
        let limited = min(end, start + Self.excerptLimit)
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<limited]), as: UTF8.self)
        return limited < end ? text + "…" : text
    }

    private static func isFieldEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
    }
}
