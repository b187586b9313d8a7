/// How much of one guest case's overhead over the host the VM exits account for.
///
/// The model (PAPI-V's "total overhead = frequency of VMM events × their latency"):
/// overhead = median(guest) − median(host), both steal-adjusted so that load from
/// other processes on the machine cancels out; explained = Σ over exit kinds of
/// median exits of that kind per run × measured cost of one such exit (``ExitCost``).
/// What remains is work the exit counters cannot see: shadow-paging faults handled
/// inside the host kernel, cache and TLB effects, timer differences.
public struct OverheadBreakdown: Codable, Equatable, Sendable {
    public struct Contribution: Codable, Equatable, Sendable {
        public var reason: String
        /// Median exits of this kind per run.
        public var exits: Double
        /// Median measured cost of one such exit.
        public var nanosecondsPerExit: Double
        public var totalNs: Double { exits * nanosecondsPerExit }

        enum CodingKeys: String, CodingKey {
            case reason, exits, nanosecondsPerExit = "ns_per_exit", totalNs = "total_ns"
        }

        public init(reason: String, exits: Double, nanosecondsPerExit: Double) {
            self.reason = reason
            self.exits = exits
            self.nanosecondsPerExit = nanosecondsPerExit
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            reason = try c.decode(String.self, forKey: .reason)
            exits = try c.decode(Double.self, forKey: .exits)
            nanosecondsPerExit = try c.decode(Double.self, forKey: .nanosecondsPerExit)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(reason, forKey: .reason)
            try c.encode(exits, forKey: .exits)
            try c.encode(nanosecondsPerExit, forKey: .nanosecondsPerExit)
            try c.encode(totalNs, forKey: .totalNs)
        }
    }

    public var guestCaseID: String
    public var hostCaseID: String
    public var label: String
    public var guestMedianNs: Double
    public var hostMedianNs: Double
    public var contributions: [Contribution]

    public var overheadNs: Double { guestMedianNs - hostMedianNs }
    public var explainedNs: Double { contributions.reduce(0) { $0 + $1.totalNs } }
    /// explained ÷ overhead; nil when the guest was not slower than the host.
    public var explainedFraction: Double? { overheadNs > 0 ? explainedNs / overheadNs : nil }

    public init(guestCaseID: String, hostCaseID: String, label: String, guestMedianNs: Double,
                hostMedianNs: Double, contributions: [Contribution]) {
        self.guestCaseID = guestCaseID
        self.hostCaseID = hostCaseID
        self.label = label
        self.guestMedianNs = guestMedianNs
        self.hostMedianNs = hostMedianNs
        self.contributions = contributions
    }

    enum CodingKeys: String, CodingKey {
        case guestCaseID = "guest_case_id", hostCaseID = "host_case_id", label
        case guestMedianNs = "guest_median_ns", hostMedianNs = "host_median_ns"
        case overheadNs = "overhead_ns", contributions, explainedNs = "explained_ns"
        case explainedFraction = "explained_fraction"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guestCaseID = try c.decode(String.self, forKey: .guestCaseID)
        hostCaseID = try c.decode(String.self, forKey: .hostCaseID)
        label = try c.decode(String.self, forKey: .label)
        guestMedianNs = try c.decode(Double.self, forKey: .guestMedianNs)
        hostMedianNs = try c.decode(Double.self, forKey: .hostMedianNs)
        contributions = try c.decode([Contribution].self, forKey: .contributions)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(guestCaseID, forKey: .guestCaseID)
        try c.encode(hostCaseID, forKey: .hostCaseID)
        try c.encode(label, forKey: .label)
        try c.encode(guestMedianNs, forKey: .guestMedianNs)
        try c.encode(hostMedianNs, forKey: .hostMedianNs)
        try c.encode(overheadNs, forKey: .overheadNs)
        try c.encode(contributions, forKey: .contributions)
        try c.encode(explainedNs, forKey: .explainedNs)
        try c.encodeIfPresent(explainedFraction, forKey: .explainedFraction)
    }
}
