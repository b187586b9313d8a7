/// Why a region's steal was not reported as measured: the counter gave a value no
/// real steal can have. The raw value is dropped; the measurement carries this flag.
public enum StealClamp: Int32, Sendable, Equatable, Codable, CustomStringConvertible {
    /// The counter went backwards (a bad /proc/stat, a migration to another host, a reset): counted as 0.
    case wentBackwards = 1
    /// More steal than wall time (a suspend/resume, a counter jump): counted as the wall time.
    case exceededWall = 2

    public var description: String {
        switch self {
        case .wentBackwards: return "steal went backwards; counted as 0"
        case .exceededWall: return "steal exceeded the wall time; counted as the wall time"
        }
    }
}
