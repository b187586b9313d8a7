/// The kernel clocksource as `perfv-report info` reports it, or why it is unknown.
public struct ClocksourceStatus: Sendable, Equatable, Codable {
    /// current_clocksource, e.g. "tsc"; nil when unreadable.
    @AlwaysEncoded public var current: String?
    /// available_clocksource.
    public var available: [String]
    /// The read or parse error when the files could not be used.
    public var error: String?
    /// vDSO or system call, from the current clocksource.
    public var access: ClockAccess = .undecided

    public init(_ result: Result<Clocksource, PerfVError>) {
        switch result {
        case let .success(clocksource):
            current = clocksource.current
            available = clocksource.available
        case let .failure(failure):
            current = nil
            available = []
            error = "\(failure)"
        }
    }
}
