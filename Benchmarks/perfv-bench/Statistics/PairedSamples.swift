/// Samples of PerfV and its baseline taken side by side: sample i of each was measured
/// in the same repetition, back to back, so `ratios` pairs them one to one and a
/// disturbance that hits one repetition hits both sides of its ratio.
struct PairedSamples: Equatable, Sendable {
    var perfv: [Double]
    var baseline: [Double]

    /// Which way a row's ratio is taken.
    enum Direction: String, Codable, Sendable {
        /// PerfV's cost over the baseline's: lower is better (1.05 = 5 % slower).
        case perfvOverBaseline = "perfv / baseline"
        /// The baseline's cost over PerfV's: a speed-up or an efficiency, higher is better.
        case baselineOverPerfv = "baseline / perfv"
    }

    init(perfv: [Double], baseline: [Double]) throws {
        guard perfv.count == baseline.count else {
            throw BenchmarkError.unpairedSamples(perfv: perfv.count, baseline: baseline.count)
        }
        self.perfv = perfv
        self.baseline = baseline
    }

    /// One ratio per repetition.
    func ratios(_ direction: Direction) throws -> [Double] {
        try zip(perfv, baseline).map { perfv, baseline in
            let (numerator, denominator) = direction == .perfvOverBaseline ? (perfv, baseline) : (baseline, perfv)
            guard denominator > 0 else { throw BenchmarkError.nonPositiveSample }
            return numerator / denominator
        }
    }

    /// One difference per repetition, PerfV's sample minus the baseline's: for costs
    /// that add up (start time, bytes), where a ratio hides the absolute excess.
    func differences() -> [Double] {
        zip(perfv, baseline).map { $0 - $1 }
    }
}
