/// One clock in `perfv-report info`: resolution and measured read cost, from
/// ``ClockSurvey`` (Sources/PerfV/Clocks), under the report's key names.
public struct ClockSummary: Sendable, Equatable, Codable {
    /// e.g. "CLOCK_MONOTONIC", "rdtsc".
    public var name: String
    /// Smallest step in ns; nil when unknown (the TSC without a frequency).
    @AlwaysEncoded public var resolutionNs: Double?
    /// Median cost of one read in ns.
    public var readCostNs: Double
    /// "vdso", "syscall" or "tsc".
    public var source: String

    public init(_ profile: ClockProfile) {
        name = profile.name
        resolutionNs = profile.resolutionNanoseconds
        readCostNs = profile.readCostNanoseconds
        source = profile.source.rawValue
    }
}
