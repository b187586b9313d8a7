/// Whether every run of one MMM size produced the same result matrix.
///
/// The host and the guest run the same kernel source with the same flags, and the
/// blocked kernel sums in the same order as the naive one, so every checksum of a
/// size must be equal; a mismatch means a miscompiled or corrupted run.
public struct ChecksumCheck: Codable, Equatable, Sendable {
    public var size: Int
    /// Each distinct checksum with the cases that produced it.
    public var checksums: [String: [String]]

    public var matches: Bool { checksums.count <= 1 }

    enum CodingKeys: String, CodingKey {
        case size, checksums, matches
    }

    public init(size: Int, checksums: [String: [String]]) {
        self.size = size
        self.checksums = checksums
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        size = try c.decode(Int.self, forKey: .size)
        checksums = try c.decode([String: [String]].self, forKey: .checksums)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(size, forKey: .size)
        try c.encode(checksums, forKey: .checksums)
        try c.encode(matches, forKey: .matches)
    }
}
