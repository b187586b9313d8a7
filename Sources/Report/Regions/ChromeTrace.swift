/// A Chrome trace file's top level: the events, and a note for whoever opens it.
struct ChromeTrace: Encodable {
    let traceEvents: [ChromeTraceEvent]
    let displayTimeUnit: String
    let otherData: [String: String]
}
