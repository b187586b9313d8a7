/// What a reader wants from the raw runs: per-case distributions, the checksum
/// cross-check and the overhead decomposition. Pure: computed from runs alone.
public struct SweepAnalysis: Codable, Equatable, Sendable {
    public var summaries: [CaseSummary]
    public var checksumChecks: [ChecksumCheck]
    public var overheads: [OverheadBreakdown]

    /// Analyses `runs` in the order their cases first appear; `exitCosts` prices the exits.
    public init(runs: [RunRecord], exitCosts: [ExitCost]) {
        var order: [String] = []
        var byCase: [String: [RunRecord]] = [:]
        for run in runs {
            if byCase[run.caseID] == nil { order.append(run.caseID) }
            byCase[run.caseID, default: []].append(run)
        }
        summaries = order.compactMap { id in
            let caseRuns = byCase[id] ?? []
            return caseRuns.first.flatMap { CaseSummary(sweepCase: $0.sweepCase, runs: caseRuns) }
        }
        checksumChecks = Self.checksumChecks(runs)
        overheads = Self.overheads(summaries: summaries, byCase: byCase, exitCosts: exitCosts)
    }

    enum CodingKeys: String, CodingKey {
        case summaries, checksumChecks = "checksum_checks", overheads
    }

    /// The summary of the case with this id, if it has runs.
    public func summary(_ sweepCase: SweepCase) -> CaseSummary? {
        summaries.first { $0.caseID == sweepCase.id }
    }

    /// The checks that found more than one checksum for a size.
    public var checksumMismatches: [ChecksumCheck] { checksumChecks.filter { !$0.matches } }

    private static func checksumChecks(_ runs: [RunRecord]) -> [ChecksumCheck] {
        var bySize: [Int: [String: Set<String>]] = [:]
        for run in runs {
            guard case let .mmm(mmm) = run.sweepCase, let checksum = run.checksum else { continue }
            bySize[mmm.size, default: [:]][checksum, default: []].insert(run.caseID)
        }
        return bySize.keys.sorted().map { size in
            ChecksumCheck(size: size, checksums: (bySize[size] ?? [:]).mapValues { $0.sorted() })
        }
    }

    private static func overheads(summaries: [CaseSummary], byCase: [String: [RunRecord]],
                                  exitCosts: [ExitCost]) -> [OverheadBreakdown] {
        let costs = Dictionary(exitCosts.map { ($0.reason, $0.nanosecondsPerExit.median) }, uniquingKeysWith: { a, _ in a })
        let summaryByID = Dictionary(summaries.map { ($0.caseID, $0) }, uniquingKeysWith: { a, _ in a })
        return summaries.compactMap { guest -> OverheadBreakdown? in
            let sweepCase = guest.sweepCase
            guard sweepCase.side == .guest, sweepCase.contention == .none,
                  let host = summaryByID[sweepCase.hostBaseline.id] else { return nil }
            let runs = byCase[guest.caseID] ?? []
            var reasons = Set<String>()
            for run in runs { if let byReason = run.exitsByReason { reasons.formUnion(byReason.keys) } }
            let contributions = reasons.sorted().compactMap { reason -> OverheadBreakdown.Contribution? in
                guard let cost = costs[reason],
                      let exits = Summary(runs.map { Double($0.exitsDuringWork(reason)) }),
                      exits.median > 0 else { return nil }
                return .init(reason: reason, exits: exits.median, nanosecondsPerExit: cost)
            }
            return OverheadBreakdown(
                guestCaseID: guest.caseID, hostCaseID: host.caseID, label: sweepCase.label,
                guestMedianNs: guest.adjustedNs.median, hostMedianNs: host.adjustedNs.median,
                contributions: contributions)
        }
    }
}
