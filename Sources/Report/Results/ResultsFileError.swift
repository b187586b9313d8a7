/// Why a sweep's results could not be read for `merge` or `compare`. Each description
/// names the path and is the message a user reads.
public enum ResultsFileError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    /// A directory with no results.json in it or in its immediate subdirectories.
    case noResults(directory: String)
    case unreadable(file: String, reason: String)
    /// Not JSON, or JSON that is not a PerfV sweep's results.json.
    case malformed(file: String, reason: String)
    /// Written by a PerfV whose results format this one does not read.
    case unsupportedFormat(file: String, version: Int, supported: Int)

    public var description: String {
        switch self {
        case let .missing(path):
            return "\(path): no such file or directory"
        case let .noResults(directory):
            return "\(directory): no results.json in it or in its subdirectories"
        case let .unreadable(file, reason):
            return "\(file): cannot be read: \(reason)"
        case let .malformed(file, reason):
            return "\(file): not a PerfV sweep's results.json: \(reason)"
        case let .unsupportedFormat(file, version, supported):
            return "\(file): results format \(version); this perfv-report reads format \(supported)"
        }
    }
}
