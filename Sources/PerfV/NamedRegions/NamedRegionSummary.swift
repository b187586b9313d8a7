/// What the output says about one named region of one thread.
struct NamedRegionSummary {
    let name: String
    /// The index of the enclosing region in the thread's summaries; -1 at top level.
    let parent: Int
    /// Completed calls; 0 for a region still open at its first call.
    let count: Int
    let wall: NamedRegionDistribution
    let adjusted: NamedRegionDistribution
    let stealNanoseconds: Int64
    let runDelayNanoseconds: Int64
    let waitingReadsSkipped: Int
    /// Totals in the configuration's event order.
    let counters: [Int64]

    /// One summary per region of `record`, in table order, so indices are region ids.
    static func summaries(of record: NamedRegionThreadRecord, eventCount: Int) -> [NamedRegionSummary] {
        var wall = [[Int64]](repeating: [], count: record.regions.count)
        var adjusted = wall
        for sample in record.samples {
            wall[Int(sample.region)].append(sample.wallNanoseconds)
            adjusted[Int(sample.region)].append(sample.adjustedNanoseconds)
        }
        return record.regions.enumerated().map { index, region in
            NamedRegionSummary(
                name: String(decoding: region.name, as: UTF8.self),
                parent: region.parent,
                count: wall[index].count,
                wall: NamedRegionDistribution(wall[index]),
                adjusted: NamedRegionDistribution(adjusted[index]),
                stealNanoseconds: region.stealNanoseconds,
                runDelayNanoseconds: region.runDelayNanoseconds,
                waitingReadsSkipped: region.waitingReadsSkipped,
                counters: Array(record.counterTotals[(index * eventCount)..<((index + 1) * eventCount)]))
        }
    }
}
