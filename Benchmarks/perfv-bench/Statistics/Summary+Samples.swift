import Report

extension Summary {
    /// Summarizes benchmark samples with the sweep's percentile statistics; throws
    /// `BenchmarkError.noSamples` for an empty set and `.nonFiniteSample` for NaN or
    /// infinity (a division by a zero-length interval).
    init(samples: [Double]) throws {
        guard !samples.isEmpty else { throw BenchmarkError.noSamples }
        guard let summary = Summary(samples) else { throw BenchmarkError.nonFiniteSample }
        self = summary
    }
}
