/// The spread of a set of samples as percentiles (package-benchmark style: no mean ± sd,
/// which a few preempted samples on a loaded machine would distort).
struct Summary: Codable, Equatable, Sendable {
    var median: Double
    var p25: Double
    var p75: Double
    var min: Double
    var max: Double
    var count: Int

    /// Summarizes `samples`; throws `BenchmarkError.noSamples` for an empty set and
    /// `.nonFiniteSample` for NaN or infinity (a division by a zero-length interval).
    init(_ samples: [Double]) throws {
        guard !samples.isEmpty else { throw BenchmarkError.noSamples }
        guard samples.allSatisfy(\.isFinite) else { throw BenchmarkError.nonFiniteSample }
        let sorted = samples.sorted()
        median = Summary.percentile(0.5, ofSorted: sorted)
        p25 = Summary.percentile(0.25, ofSorted: sorted)
        p75 = Summary.percentile(0.75, ofSorted: sorted)
        min = sorted[0]
        max = sorted[sorted.count - 1]
        count = sorted.count
    }

    /// The `fraction` percentile of ascending `sorted` samples, interpolating linearly
    /// between the two nearest ranks (Hyndman & Fan type 7, numpy's default).
    static func percentile(_ fraction: Double, ofSorted sorted: [Double]) -> Double {
        precondition(!sorted.isEmpty && (0...1).contains(fraction))
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * weight
    }
}
