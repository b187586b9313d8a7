/// Why rank files could not be read. Each description names the file and is the
/// message a user reads.
public enum RegionsError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    case noRankFiles(directory: String)
    case unreadable(file: String, reason: String)
    case malformedJSON(file: String, reason: String)
    case wrongSchema(file: String, reason: String)

    public var description: String {
        switch self {
        case let .missing(path):
            return "\(path): no such file or directory"
        case let .noRankFiles(directory):
            return "\(directory): no rank files (rank_NNNNNN.json) in it or in its subdirectories"
        case let .unreadable(file, reason):
            return "\(file): cannot be read: \(reason)"
        case let .malformedJSON(file, reason):
            return "\(file): not valid JSON: \(reason)"
        case let .wrongSchema(file, reason):
            return "\(file): not a PerfV rank file: \(reason)"
        }
    }
}
