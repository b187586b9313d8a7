/// Why the sweep cannot write its results where it was asked to.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    /// The path exists and is a file, not a directory.
    case notADirectory(path: String)
    /// The directory (or the nearest existing parent of a new one) is not writable.
    case notWritable(path: String)
    /// Creating the directory failed.
    case cannotCreate(path: String, reason: String)
    /// Writing a results file failed.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notADirectory(path):
            return "output path \(path) exists and is not a directory"
        case let .notWritable(path):
            return "output directory \(path) is not writable by this user"
        case let .cannotCreate(path, reason):
            return "cannot create output directory \(path): \(reason)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
