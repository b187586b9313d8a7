import VMM

/// Why a ``SweepPlan`` cannot run. Each description is the message a user reads.
public enum PlanError: Error, Equatable, CustomStringConvertible {
    case empty(String)
    case notPositive(name: String, value: Int)
    case negative(name: String, value: Int)
    case tooLarge(name: String, value: Int, limit: Int)
    case tooSmall(name: String, value: Int, limit: Int)
    case tooLargeForGuest(caseLabel: String, bytes: Int, limit: Int)
    /// NaN, not positive, or longer than the VMM's watchdog can count.
    case invalidTimeout(Double)
    /// `what` needs more host memory than is available (``HostMemory``).
    case insufficientMemory(what: String, bytes: Int, available: Int)

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
        case let .tooSmall(name, value, limit):
            return "\(name) \(value) is smaller than the minimum \(limit)"
        case let .tooLargeForGuest(caseLabel, bytes, limit):
            return "\(caseLabel) needs \(bytes >> 20) MiB of guest memory; a PerfV VM holds at most \(limit >> 20) MiB of workload data (run it on the host side only)"
        case let .invalidTimeout(seconds):
            return "guest timeout \(seconds) s must be \(MachineConfiguration.timeoutRule)"
        case let .insufficientMemory(what, bytes, available):
            return "\(what) needs \(bytes >> 20) MiB, more than the host's available memory (\(available >> 20) MiB MemAvailable)"
        }
    }
}
