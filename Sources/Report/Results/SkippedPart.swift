/// A part of the plan the sweep did not run, and why.
public struct SkippedPart: Codable, Equatable, Sendable {
    /// What was skipped, e.g. "virtualized (guest) runs".
    public var what: String
    /// The cause in words a person can act on (a typed error's text where there is one).
    public var reason: String

    public init(what: String, reason: String) {
        self.what = what
        self.reason = reason
    }
}
