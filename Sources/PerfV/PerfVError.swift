@_exported import struct SystemCalls.SystemCallError

/// Every error PerfV throws. Each case's description is the message a user reads.
public enum PerfVError: Error, Equatable, CustomStringConvertible {
    /// A system call failed; the error names the call and carries its errno.
    case systemCall(SystemCallError)
    /// A kernel file (/proc, /sys) had content PerfV cannot parse.
    case malformedFile(path: String, reason: String)
    /// A PAPI call returned an error; `code` is PAPI's (negative) return value,
    /// `message` is PAPI_strerror's text for it.
    case papi(call: String, code: Int32, message: String)
    /// A feature cannot work on this machine; `reason` says why (e.g. converting
    /// TSC ticks to ns when the TSC is not invariant).
    case unavailable(feature: String, reason: String)
    /// A region was used out of order or from the wrong thread; `reason` says how.
    case regionMisuse(reason: String)

    public var description: String {
        switch self {
        case let .systemCall(error):
            return error.description
        case let .malformedFile(path, reason):
            return "cannot parse \(path): \(reason)"
        case let .papi(call, code, message):
            return "\(call) failed: \(message) (PAPI error \(code))"
        case let .unavailable(feature, reason):
            return "\(feature) is unavailable: \(reason)"
        case let .regionMisuse(reason):
            return "region misuse: \(reason)"
        }
    }
}
