/// One clock's measured properties on this machine, as ``ClockSurvey`` reports them.
public struct ClockProfile: Sendable, Equatable, Codable {
    /// The clock's name: the C name for clock_gettime clocks, "rdtsc"/"rdtscp" for the TSC.
    public var name: String
    /// Smallest step the clock can show, in ns: clock_getres(2) for clock_gettime
    /// clocks, one tick period (10^9 / frequency) for the TSC. `nil` when the TSC
    /// frequency is unknown, never a made-up value.
    public var resolutionNanoseconds: Double?
    /// Median cost of one read in ns (see ``ClockSurvey`` for the method).
    public var readCostNanoseconds: Double
    /// Where the reading comes from.
    public var source: ClockSource

    public init(name: String, resolutionNanoseconds: Double?, readCostNanoseconds: Double, source: ClockSource) {
        self.name = name
        self.resolutionNanoseconds = resolutionNanoseconds
        self.readCostNanoseconds = readCostNanoseconds
        self.source = source
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case resolutionNanoseconds = "resolution_ns"
        case readCostNanoseconds = "read_cost_ns"
        case source
    }

    /// Writes `resolution_ns` as `null` when unknown, so every entry has the same keys.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(resolutionNanoseconds, forKey: .resolutionNanoseconds)
        try container.encode(readCostNanoseconds, forKey: .readCostNanoseconds)
        try container.encode(source, forKey: .source)
    }
}
