import Foundation

/// The null distribution of the Mann–Whitney U statistic for samples of sizes m and n
/// (no ties): the number of (x, y) pairs with y < x when both samples come from one
/// distribution. Exact (counting arrangements) up to ``exactLimit`` pairs, the normal
/// approximation with continuity correction beyond.
public struct MannWhitneyDistribution: Sendable {
    public let m: Int
    public let n: Int
    /// m·n at or below which the distribution is counted exactly.
    public static let exactLimit = 2500
    /// P(U ≤ u) for u = 0…m·n when exact.
    private let cumulative: [Double]?

    public init(m: Int, n: Int) {
        precondition(m > 0 && n > 0, "Mann–Whitney needs two non-empty samples")
        self.m = m
        self.n = n
        cumulative = m * n <= Self.exactLimit ? Self.exactCumulative(m: m, n: n) : nil
    }

    /// P(U ≤ u).
    public func cdf(_ u: Int) -> Double {
        if u < 0 { return 0 }
        if u >= m * n { return 1 }
        if let cumulative { return cumulative[u] }
        let mean = Double(m * n) / 2
        let sd = (Double(m * n) * Double(m + n + 1) / 12).squareRoot()
        return 0.5 * erfc(-((Double(u) + 0.5 - mean) / sd) / 2.0.squareRoot())
    }

    /// Frequencies by the recurrence f(u; m, n) = f(u − n; m − 1, n) + f(u; m, n − 1)
    /// (whether the largest of all m + n values is an x or a y), as probabilities.
    private static func exactCumulative(m: Int, n: Int) -> [Double] {
        // counts[j][u]: arrangements of i x's and j y's with U = u, for the current i.
        var counts = [[Double]](repeating: [1], count: n + 1)
        for i in 1...m {
            var next = [[Double]](repeating: [], count: n + 1)
            next[0] = [1] // i x's, no y's: U = 0
            for j in 1...n {
                var row = [Double](repeating: 0, count: i * j + 1)
                // Largest is an x: it beats all j y's.
                for (u, c) in counts[j].enumerated() { row[u + j] += c }
                // Largest is a y: it adds nothing.
                for (u, c) in next[j - 1].enumerated() { row[u] += c }
                next[j] = row
            }
            counts = next
        }
        let frequencies = counts[n]
        let total = frequencies.reduce(0, +)
        var running = 0.0
        return frequencies.map { running += $0; return running / total }
    }
}
