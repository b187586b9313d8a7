/// Which table a handle belongs to. The kind is part of every token, so a
/// region handle passed where an event set is expected is refused, not misread.
enum HandleKind: UInt, Sendable {
    case eventSet = 1
    case region = 2
    case teamRegion = 3

    /// The name C callers read in error messages.
    var label: String {
        switch self {
        case .eventSet: return "event set"
        case .region: return "region"
        case .teamRegion: return "team region"
        }
    }
}
