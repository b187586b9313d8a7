import SystemCalls

/// Why a contention thread could not be made, pinned or scheduled.
public enum ThreadError: Error, Equatable, CustomStringConvertible {
    /// A pthread or scheduling call failed.
    case systemCall(SystemCallError)

    public var description: String {
        switch self {
        case let .systemCall(error): return error.description
        }
    }
}
