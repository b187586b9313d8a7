import Foundation
import PerfV

/// One JSON line of `perfv-report monitor` when its output is not a terminal:
/// `{"type":"interval",…}` every interval, `{"type":"warning",…}` when the
/// clocksource changes, and a first `{"type":"start",…}` naming what cannot be read.
public struct MonitorRecord: Encodable {
    public var type: String
    /// When the record was made, ISO 8601 UTC.
    public var time: String
    public var interval: NodeInterval?
    public var message: String?
    public var unavailable: [String]?

    public static func start(unavailable: [String]) -> MonitorRecord {
        MonitorRecord(type: "start", time: now(), interval: nil, message: nil, unavailable: unavailable)
    }

    public static func interval(_ interval: NodeInterval) -> MonitorRecord {
        MonitorRecord(type: "interval", time: now(), interval: interval, message: nil, unavailable: nil)
    }

    public static func warning(_ message: String) -> MonitorRecord {
        MonitorRecord(type: "warning", time: now(), interval: nil, message: message, unavailable: nil)
    }

    /// The record as one line of JSON (snake_case keys, sorted), newline-terminated.
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    private static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
