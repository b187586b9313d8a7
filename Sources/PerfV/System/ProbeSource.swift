/// Where the outcomes of PerfV's live probes (perf_event_open, PAPI, /dev/kvm,
/// libnuma, clock costs, TSC calibration, steal) come from.
///
/// Live probing is only meaningful on the machine being described; when
/// PerfV detects from another root (a capture, an environment entry), the
/// outcomes are replayed from its record, and what the record lacks is
/// reported as "not measured offline" — never measured on the wrong machine.
public enum ProbeSource: Sendable, Equatable {
    /// Probe this machine now.
    case live
    /// Replay `ProbeRecord`; nil when the root has no record.
    case recorded(ProbeRecord?)

    /// The text every section shows for something neither probed nor recorded.
    public static let notMeasured = "not measured offline"

    /// "`what` not measured offline": the reason a section gives offline.
    public static func notMeasured(_ what: String) -> String { "\(what) \(notMeasured)" }

    /// Whether `reason` says "not measured offline" rather than a real failure:
    /// such a section is unknown, not unavailable.
    public static func isNotMeasured(_ reason: String?) -> Bool { reason?.contains(notMeasured) == true }

    public var isLive: Bool { self == .live }

    var record: ProbeRecord? {
        if case let .recorded(record) = self { return record }
        return nil
    }

    /// The errno of `probe` (0 when it opened); nil when not known offline.
    public func perfEventOpen(_ probe: PerfEventProbe) -> Int32? {
        switch self {
        case .live: return probe.run()
        case let .recorded(record):
            return record?.perfEventOpen[probe.rawValue].flatMap(PerfEventProbe.code(outcomeName:))
        }
    }

    /// A short description for reports: "live" or "recorded (probes.json)".
    public var description: String {
        switch self {
        case .live: return "live"
        case .recorded(.some): return "recorded (\(ProbeRecord.fileName))"
        case .recorded(.none): return "none: \(ProbeSource.notMeasured)"
        }
    }
}
