import Foundation
import PerfV

/// JSON for system information lives here, above PerfV, so that libperfv links
/// no Foundation: the C API needs the data, never its JSON.
extension SystemInfo {
    /// The JSON encoder for system information: snake_case keys, sorted, so
    /// `perfv-report info --json` and reports embedding it read the same.
    public static func makeJSONEncoder(prettyPrinted: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = prettyPrinted
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The matching decoder. Foundation's `.convertFromSnakeCase` would turn
    /// "logical_cpu_count" into "logicalCpuCount"; this one restores the
    /// acronyms PerfV's property names use ("logicalCPUCount").
    public static func makeJSONDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            SnakeCaseKey(camelCaseFrom: path[path.count - 1].stringValue)
        }
        return decoder
    }

    /// One JSON object with every section and the `verdict`.
    public func jsonData(prettyPrinted: Bool = true) throws -> Data {
        try SystemInfo.makeJSONEncoder(prettyPrinted: prettyPrinted).encode(SystemInfoDocument(info: self))
    }
}
