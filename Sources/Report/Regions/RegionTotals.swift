/// One region (by name path) merged over every rank and thread that ran it.
public struct RegionTotals: Encodable, Equatable {
    /// The names from the outermost region down, joined by "/": "solve/step/kernel".
    public let path: String
    public let calls: Int64
    /// Wall time summed over calls, threads and ranks.
    public let rawNanoseconds: Int64
    /// Raw time less steal and run delay, as each call measured it.
    public let adjustedNanoseconds: Int64
    public let stealNanoseconds: Int64
    public let runDelayNanoseconds: Int64
    /// nil when no rank file counted `throttle::throttled_ns`.
    public let throttledNanoseconds: Int64?
    /// Shares of raw time: lost to steal, to run delay, to throttling.
    public let stealShare: Double
    public let runDelayShare: Double
    public let throttledShare: Double?
    /// max/mean of the per-thread (per-rank) raw totals, over the threads (ranks)
    /// that ran the region: 1 is perfectly even.
    public let threadImbalance: Double
    public let rankImbalance: Double
    public let threads: Int
    public let ranks: Int

    /// Merges `parts`, the region's entries with the rank each belongs to.
    init(path: String, parts: [(rank: Int, region: RankFileRegion)]) {
        self.path = path
        calls = parts.reduce(0) { $0 + $1.region.regionCount }
        rawNanoseconds = parts.reduce(0) { $0 + $1.region.realTimeNanoseconds }
        adjustedNanoseconds = parts.reduce(0) { $0 + $1.region.adjustedNanoseconds }
        stealNanoseconds = parts.reduce(0) { $0 + $1.region.stealNanoseconds }
        runDelayNanoseconds = parts.reduce(0) { $0 + $1.region.runDelayNanoseconds }
        let throttled = parts.compactMap(\.region.throttledNanoseconds)
        throttledNanoseconds = throttled.isEmpty ? nil : throttled.reduce(0, +)
        let raw = Double(max(rawNanoseconds, 1))
        stealShare = Double(stealNanoseconds) / raw
        runDelayShare = Double(runDelayNanoseconds) / raw
        throttledShare = throttledNanoseconds.map { Double($0) / raw }
        let perThread = parts.map { Double($0.region.realTimeNanoseconds) }
        let perRank = Dictionary(grouping: parts, by: \.rank).values.map { $0.reduce(0.0) { $0 + Double($1.region.realTimeNanoseconds) } }
        threadImbalance = Self.imbalance(perThread)
        rankImbalance = Self.imbalance(perRank)
        threads = perThread.count
        ranks = perRank.count
    }

    /// max/mean; 1 when all are zero.
    private static func imbalance(_ totals: [Double]) -> Double {
        let mean = totals.reduce(0, +) / Double(max(totals.count, 1))
        return mean > 0 ? (totals.max() ?? 0) / mean : 1
    }
}
