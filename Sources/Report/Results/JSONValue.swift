/// Any JSON value, so results.json can embed documents other modules produce
/// (the machine's `perfv-report info` object) without a Swift type for each.
public enum JSONValue: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(value):
            // Integral values print without a fraction, as the source document had them.
            if value == value.rounded(), abs(value) < 9e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// The value at a dotted path of object keys, e.g. `hypervisor.vendor`.
    public subscript(path path: String) -> JSONValue? {
        var current: JSONValue? = self
        for key in path.split(separator: ".") {
            guard case let .object(members)? = current else { return nil }
            current = members[String(key)]
        }
        return current
    }

    /// The value as text for a report: strings as-is, numbers and booleans printed.
    public var text: String? {
        switch self {
        case let .string(value): return value
        case let .bool(value): return value ? "yes" : "no"
        case let .number(value): return value == value.rounded() ? String(Int64(value)) : String(value)
        default: return nil
        }
    }
}
