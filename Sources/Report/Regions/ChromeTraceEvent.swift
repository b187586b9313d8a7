/// One event of Chrome's trace-event format (the JSON chrome://tracing and Perfetto
/// load): `ph` "X" a complete event, "C" a counter sample, "M" metadata (names).
/// Times are in microseconds.
struct ChromeTraceEvent: Encodable {
    let name: String
    let ph: String
    var cat: String?
    var ts: Double?
    var dur: Double?
    let pid: Int
    var tid: Int?
    var args: [String: JSONValue]?
}
