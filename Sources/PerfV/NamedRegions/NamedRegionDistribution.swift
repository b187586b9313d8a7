/// Total, minimum, median and maximum of one quantity over a region's calls;
/// all zero for a region without a completed call (still open at output).
struct NamedRegionDistribution {
    let total: Int64
    let minimum: Int64
    let median: Int64
    let maximum: Int64

    init(_ values: [Int64]) {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        total = sorted.reduce(0, +)
        minimum = sorted.first ?? 0
        maximum = sorted.last ?? 0
        median = sorted.isEmpty ? 0
            : sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
