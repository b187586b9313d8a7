/// Every error PerfV throws. Each case's description is the message a user reads.
public enum PerfVError: Error, Equatable, CustomStringConvertible {
    /// A system call failed; `call` names it, `errno` is the raw error number.
    case systemCall(call: String, errno: Int32)
    /// A kernel file (/proc, /sys) had content PerfV cannot parse.
    case malformedFile(path: String, reason: String)
    /// A PAPI call returned an error; `code` is PAPI's (negative) return value,
    /// `message` is PAPI_strerror's text for it.
    case papi(call: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case let .systemCall(call, errno):
            return "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
        case let .malformedFile(path, reason):
            return "cannot parse \(path): \(reason)"
        case let .papi(call, code, message):
            return "\(call) failed: \(message) (PAPI error \(code))"
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
