/// The repetitions of one ``SweepCase`` reduced to distributions.
public struct CaseSummary: Codable, Equatable, Sendable {
    public var sweepCase: SweepCase
    public var caseID: String
    public var wallNs: Summary
    public var adjustedNs: Summary
    public var stealNs: Summary
    public var runDelayNs: Summary?
    public var threadCPUNs: Summary?
    public var vmTotalNs: Summary?
    public var exitsTotal: Summary?
    /// I/O and network only.
    public var megabytesPerSecond: Summary?
    /// I/O and network only (packets per second for network).
    public var requestsPerSecond: Summary?

    /// Summarizes `runs`, which must all belong to `sweepCase`; nil when there are none.
    public init?(sweepCase: SweepCase, runs: [RunRecord]) {
        guard let wall = Summary(runs.map { Double($0.wallNs) }),
              let adjusted = Summary(runs.map { Double($0.adjustedNs) }),
              let steal = Summary(runs.map { Double($0.stealNs) })
        else { return nil }
        self.sweepCase = sweepCase
        caseID = sweepCase.id
        wallNs = wall
        adjustedNs = adjusted
        stealNs = steal
        runDelayNs = Summary(runs.compactMap { $0.runDelayNs.map(Double.init) })
        threadCPUNs = Summary(runs.compactMap { $0.threadCPUNs.map(Double.init) })
        vmTotalNs = Summary(runs.compactMap { $0.vmTotalNs.map(Double.init) })
        exitsTotal = Summary(runs.compactMap { $0.exitsTotal.map(Double.init) })
        megabytesPerSecond = Summary(runs.compactMap(\.megabytesPerSecond))
        requestsPerSecond = Summary(runs.compactMap(\.requestsPerSecond))
    }

    enum CodingKeys: String, CodingKey {
        case sweepCase = "case", caseID = "case_id", wallNs = "wall_ns", adjustedNs = "adjusted_ns"
        case stealNs = "steal_ns", runDelayNs = "run_delay_ns", threadCPUNs = "thread_cpu_ns"
        case vmTotalNs = "vm_total_ns", exitsTotal = "exits_total"
        case megabytesPerSecond = "mb_per_s", requestsPerSecond = "requests_per_s"
    }
}
