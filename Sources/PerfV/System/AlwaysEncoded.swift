/// Marks an optional property whose key must appear in encoded output even
/// when the value is nil (as JSON `null`), so readers of `perfv-report info
/// --json` find every documented key. Plain optionals drop the key instead.
///
/// Decoding accepts a missing key or `null` as nil.
@propertyWrapper
public struct AlwaysEncoded<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue {
            try container.encode(wrappedValue)
        } else {
            try container.encodeNil()
        }
    }
}

extension KeyedDecodingContainer {
    /// Lets a missing key decode as nil rather than fail.
    public func decode<Value>(_ type: AlwaysEncoded<Value>.Type, forKey key: Key) throws -> AlwaysEncoded<Value> {
        try decodeIfPresent(type, forKey: key) ?? AlwaysEncoded(wrappedValue: nil)
    }
}
