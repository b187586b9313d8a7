/// Checksums as results.json stores them: 16 lower-case hex digits.
enum ChecksumText {
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }
}
