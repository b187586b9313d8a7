#if canImport(Glibc)
import Glibc
#endif

/// Why a contention thread could not be made, pinned or scheduled.
public enum ThreadError: Error, Equatable, CustomStringConvertible {
    /// `call` failed with `errno`.
    case systemCall(call: String, errno: Int32)

    public var description: String {
        switch self {
        case let .systemCall(call, code): return "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}
