import Foundation
import PerfV
import SystemReport

/// Stores a ``SystemInfo`` in results.json exactly as `perfv-report info --json` writes
/// it (snake_case keys), whatever the key strategy of the encoder around it: the
/// document is bridged through ``JSONValue`` with SystemInfo's own coders.
@propertyWrapper
public struct SystemInfoJSON: Codable, Equatable, Sendable {
    public var wrappedValue: SystemInfo

    public init(wrappedValue: SystemInfo) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: Decoder) throws {
        let document = try JSONEncoder().encode(try JSONValue(from: decoder))
        wrappedValue = try SystemInfo.makeJSONDecoder().decode(SystemInfo.self, from: document)
    }

    public func encode(to encoder: Encoder) throws {
        try JSONDecoder().decode(JSONValue.self, from: try wrappedValue.jsonData(prettyPrinted: false)).encode(to: encoder)
    }
}
