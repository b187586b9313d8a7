/// What a ratio B/A of run times says at the chosen confidence.
public enum ComparisonVerdict: String, Codable, Sendable {
    /// B takes less time: the interval lies wholly below 1.
    case faster
    /// B takes more time: the interval lies wholly above 1.
    case slower
    /// The interval contains 1.
    case noDifference = "no difference"
    /// Too few runs on a side for an interval at that confidence.
    case tooFewRuns = "too few runs"
}
