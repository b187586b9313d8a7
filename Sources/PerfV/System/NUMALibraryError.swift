/// Why libnuma could not be used: NUMA facts then say so instead of guessing.
public enum NUMALibraryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// dlopen(3) failed: not installed (Debian: libnuma1), or not loadable.
    case notLoaded(path: String, reason: String)
    /// The library lacks a function PerfV calls: an older libnuma than 2.0.
    case missingSymbol(path: String, name: String)

    public var description: String {
        switch self {
        case let .notLoaded(path, reason): return "\(path) could not be loaded (\(reason)); install libnuma1"
        case let .missingSymbol(path, name): return "\(path) has no \(name): libnuma 2.0 or later is needed"
        }
    }
}
