/// The measured cost of one VM exit of one kind on this machine.
public struct ExitCost: Codable, Equatable, Sendable {
    /// The exit reason as the VMM names it (e.g. `io`).
    public var reason: String
    /// Nanoseconds per exit over the calibration runs.
    public var nanosecondsPerExit: Summary
    /// Exits each calibration run made.
    public var exitsPerRun: Int64
    /// How the number was obtained, in a sentence.
    public var method: String

    public init(reason: String, nanosecondsPerExit: Summary, exitsPerRun: Int64, method: String) {
        self.reason = reason
        self.nanosecondsPerExit = nanosecondsPerExit
        self.exitsPerRun = exitsPerRun
        self.method = method
    }

    enum CodingKeys: String, CodingKey {
        case reason, nanosecondsPerExit = "ns_per_exit", exitsPerRun = "exits_per_run", method
    }
}
