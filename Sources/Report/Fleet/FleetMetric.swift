/// A per-node figure the fleet report compares across nodes to find the one that stands
/// out. Each is computed from what results.json holds, so shards of different cases
/// still give comparable numbers (ratios and per-node properties, not raw times).
public enum FleetMetric: String, Codable, CaseIterable, Sendable {
    case steal
    case contentionSlowdown = "contention_slowdown"
    case exitCost = "exit_cost_ns"
    case clockReadCost = "clock_read_cost_ns"
    case guestEfficiency = "guest_efficiency"

    public var title: String {
        switch self {
        case .steal: return "steal"
        case .contentionSlowdown: return "slowdown under contention"
        case .exitCost: return "exit cost"
        case .clockReadCost: return "clock read cost"
        case .guestEfficiency: return "guest efficiency"
        }
    }

    /// Where the number comes from, in a sentence.
    public var definition: String {
        switch self {
        case .steal:
            return "median over the node's uncontended runs of steal_ns / wall_ns"
        case .contentionSlowdown:
            return "median over the node's MMM cases of wall median with the pinned hog / wall median without (needs --contention none,pinned-hog)"
        case .exitCost:
            return "the exit-cost calibration's median ns per port-I/O exit (needs host and guest runs and --calibration-exits > 0)"
        case .clockReadCost:
            return "CLOCK_MONOTONIC's measured read cost from the machine section"
        case .guestEfficiency:
            return "median over the node's uncontended guest cases of host adjusted median / guest adjusted median (1 = native speed; needs host and guest runs)"
        }
    }

    /// The value as a person reads it.
    public func text(_ value: Double) -> String {
        switch self {
        case .steal: return NumberText.percent(value)
        case .contentionSlowdown, .guestEfficiency: return NumberText.fixed(value, digits: 3)
        case .exitCost, .clockReadCost: return NumberText.duration(nanoseconds: value)
        }
    }

    /// This metric of a node merged from `results` (all of one node), with `analysis`
    /// computed over all their runs; nil when they hold nothing to compute it from.
    func value(results: [SweepResults], analysis: SweepAnalysis) -> Double? {
        switch self {
        case .steal:
            let shares = results.flatMap(\.runs).filter { $0.sweepCase.contention == .none && $0.wallNs > 0 }
                .map { Double($0.stealNs) / Double($0.wallNs) }
            return Summary(shares)?.median
        case .contentionSlowdown:
            let byID = Dictionary(analysis.summaries.map { ($0.caseID, $0) }, uniquingKeysWith: { a, _ in a })
            let ratios = analysis.summaries.compactMap { contended -> Double? in
                guard case let .mmm(mmm) = contended.sweepCase, mmm.contention != .none,
                      let alone = byID[SweepCase.mmm(size: mmm.size, kernel: mmm.kernel, side: mmm.side, contention: .none).id],
                      alone.wallNs.median > 0 else { return nil }
                return contended.wallNs.median / alone.wallNs.median
            }
            return Summary(ratios)?.median
        case .exitCost:
            return Summary(results.flatMap(\.exitCosts).filter { $0.reason == "io" }.map(\.nanosecondsPerExit.median))?.median
        case .clockReadCost:
            return Summary(results.compactMap { $0.machine.clocks.first { $0.name == "CLOCK_MONOTONIC" }?.readCostNs })?.median
        case .guestEfficiency:
            return Summary(analysis.overheads.filter { $0.guestMedianNs > 0 }.map { $0.hostMedianNs / $0.guestMedianNs })?.median
        }
    }
}
