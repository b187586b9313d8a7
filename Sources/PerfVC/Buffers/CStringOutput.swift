import CPerfV

/// Copies a Swift string into a caller's `(buffer, capacity, length)` triple,
/// the convention every string-returning perfv_* call follows.
enum CStringOutput {
    /// Writes `text` and its NUL into `buffer`; `length` (optional) receives the
    /// byte count without the NUL. `(NULL, 0, &length)` only reports the length.
    /// When it does not fit, writes the longest
    /// prefix that ends on a character boundary, NUL-terminated, and throws
    /// PERFV_EBUFFER naming the size needed.
    static func write(_ text: String, to buffer: UnsafeMutablePointer<CChar>?, capacity: Int,
                      length: UnsafeMutablePointer<Int>?) throws {
        // size_t arrives as Int; a "negative" capacity is a size_t above Int.max.
        guard capacity >= 0 else { throw CallFailure.invalidArgument("capacity \(UInt(bitPattern: capacity)) is not a plausible buffer size") }
        guard buffer != nil || capacity == 0 else { throw CallFailure.invalidArgument("buffer is NULL but capacity is \(capacity)") }
        var text = text
        try text.withUTF8 { bytes in
            length?.pointee = bytes.count
            guard let buffer, capacity > 0 else {
                // (NULL, 0, &length) asks for the length only.
                guard length != nil else { throw CallFailure.invalidArgument("buffer and length are both NULL") }
                return
            }
            let count = prefixLength(of: bytes, fittingIn: capacity - 1)
            if count > 0 {
                UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress!, byteCount: count)
            }
            buffer[count] = 0
            guard count == bytes.count else {
                throw CallFailure(PERFV_EBUFFER, "the text needs \(bytes.count + 1) bytes with its NUL; capacity is \(capacity)")
            }
        }
    }

    /// The longest prefix of `bytes` of at most `limit` bytes that does not end
    /// inside a UTF-8 sequence.
    static func prefixLength(of bytes: UnsafeBufferPointer<UInt8>, fittingIn limit: Int) -> Int {
        guard bytes.count > limit else { return bytes.count }
        var count = max(0, limit)
        // 0b10xxxxxx is a continuation byte: the character started earlier.
        while count > 0 && bytes[count] & 0xC0 == 0x80 { count -= 1 }
        return count
    }

    /// Reads a caller's NUL-terminated argument, refusing NULL and empty strings.
    static func read(_ pointer: UnsafePointer<CChar>?, argument: String) throws -> String {
        guard let pointer else { throw CallFailure.invalidArgument("\(argument) is NULL") }
        let text = String(cString: pointer)
        guard !text.isEmpty else { throw CallFailure.invalidArgument("\(argument) is empty") }
        return text
    }
}
