/// A copy of one thread's named-region data, taken for the output.
struct NamedRegionThreadRecord {
    let threadID: Int32
    let regions: [NamedRegionStats]
    let samples: [NamedRegionSample]
    /// `eventNames.count` totals per region, region after region.
    let counterTotals: [Int64]
}
