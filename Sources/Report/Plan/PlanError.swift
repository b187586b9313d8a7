/// Why a ``SweepPlan`` cannot run. Each description is the message a user reads.
public enum PlanError: Error, Equatable, CustomStringConvertible {
    case empty(String)
    case notPositive(name: String, value: Int)
    case negative(name: String, value: Int)
    case tooLarge(name: String, value: Int, limit: Int)
    case hostOnlyMode(IOMode)
    case guestMemoryTooSmall(size: Int, needed: Int, have: Int)

    /// N above this would need more than 3 × 8 GiB of matrices: surely a typo.
    static let largestSize = 32768

    public var description: String {
        switch self {
        case let .empty(what):
            return "no \(what) given: name at least one"
        case let .notPositive(name, value):
            return "\(name) must be positive, got \(value)"
        case let .negative(name, value):
            return "\(name) must not be negative, got \(value)"
        case let .tooLarge(name, value, limit):
            return "\(name) \(value) is larger than the limit \(limit)"
        case let .hostOnlyMode(mode):
            return "I/O mode \(mode.rawValue) is the host's; guest modes are \(IOMode.guestModes.map(\.rawValue).joined(separator: ", "))"
        case let .guestMemoryTooSmall(size, needed, have):
            return "MMM N=\(size) needs \(needed >> 20) MiB of guest memory, the VM has \(have >> 20) MiB (raise --guest-memory-mib)"
        }
    }
}
