/// Every error the named regions (``NamedRegions``) throw. Each case's
/// description is the message a user reads.
public enum NamedRegionError: Error, Equatable, CustomStringConvertible {
    /// The name is empty.
    case emptyName
    /// The name has more UTF-8 bytes than ``NamedRegions/maximumNameLength``.
    case nameTooLong(length: Int, limit: Int)
    /// `end` named a region although none is open on this thread.
    case notBegun(name: String)
    /// `end` named another region than the innermost open one.
    case mismatchedNesting(ended: String, innermost: String)
    /// More than ``NamedRegions/maximumDepth`` regions are open on this thread.
    case nestingTooDeep(limit: Int)
    /// Measuring the region failed (a system call, a kernel file); the region is not open.
    case measurement(PerfVError)
    /// The region's counters failed; the region is not open.
    case counters(CounterError)
    /// Writing the output file failed.
    case output(SystemCallError)

    /// What a ``Region`` threw; Region throws only PerfVError and CounterError.
    init(wrapping error: any Error) {
        switch error {
        case let error as PerfVError: self = .measurement(error)
        case let error as CounterError: self = .counters(error)
        default: self = .measurement(.unavailable(feature: "region measurement", reason: "\(error)"))
        }
    }

    public var description: String {
        switch self {
        case .emptyName:
            return "named region: the name is empty"
        case let .nameTooLong(length, limit):
            return "named region: the name has \(length) bytes, more than the limit of \(limit)"
        case let .notBegun(name):
            return "named region: end(\"\(name)\") without a begin: no region is open on this thread"
        case let .mismatchedNesting(ended, innermost):
            return "named region: end(\"\(ended)\") but the innermost open region is \"\(innermost)\"; end it first"
        case let .nestingTooDeep(limit):
            return "named region: more than \(limit) regions open on one thread"
        case let .measurement(error):
            return "named region: \(error.description)"
        case let .counters(error):
            return "named region: \(error.description)"
        case let .output(error):
            return "named region output: \(error.description)"
        }
    }
}
