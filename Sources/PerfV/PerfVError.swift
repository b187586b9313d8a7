/// Every error PerfV throws. Each case's description is the message a user reads.
public enum PerfVError: Error, Equatable, CustomStringConvertible {
    /// A system call failed; `call` names it, `errno` is the raw error number.
    case systemCall(call: String, errno: Int32)
    /// A kernel file (/proc, /sys) had content PerfV cannot parse.
    case malformedFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .systemCall(call, errno):
            return "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
        case let .malformedFile(path, reason):
            return "cannot parse \(path): \(reason)"
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
