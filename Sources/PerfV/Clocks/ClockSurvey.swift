/// Measures every clock PerfV can read: resolution and cost per read.
///
/// ```swift
/// for clock in try ClockSurvey.measure(tscFrequencyHz: 2_445_000_000) {
///     print(clock.name, clock.readCostNanoseconds, clock.source)
/// }
/// ```
///
/// **Method.** For each clock, `batches` batches of `readsPerBatch` back-to-back reads
/// run in a loop that sums the values (so the optimizer cannot drop them). Each batch
/// is timed with CLOCK_MONOTONIC_RAW; its cost per read is the batch time divided by
/// `readsPerBatch`, and the reported cost is the median over batches, which ignores
/// batches hit by an interrupt or preemption. The loop overhead (an add and a
/// compare, < 1 ns) is included; the two timing reads (~25 ns per batch) are
/// amortized to < 0.01 ns. Numbers are meaningful only in an optimized build.
public enum ClockSurvey {
    /// Measures the clock_gettime clocks, then rdtsc and rdtscp.
    ///
    /// - Parameter tscFrequencyHz: TSC ticks per second, for the TSC's resolution;
    ///   `nil` leaves it unknown.
    public static func measure(
        tscFrequencyHz: UInt64?,
        batches: Int = 9,
        readsPerBatch: Int = 10_000
    ) throws -> [ClockProfile] {
        precondition(batches > 0 && readsPerBatch > 0, "ClockSurvey needs at least one batch of one read")
        var profiles: [ClockProfile] = []
        for clock in Clock.allCases {
            let id = clock.id
            let cost = medianReadCost(batches: batches, readsPerBatch: readsPerBatch) {
                UInt64(bitPattern: Clock.nanoseconds(clockID: id))
            }
            profiles.append(ClockProfile(
                name: clock.name,
                resolutionNanoseconds: Double(try clock.resolutionNanoseconds()),
                readCostNanoseconds: cost,
                source: clock.source))
        }
        let tickNanoseconds = tscFrequencyHz.map { 1e9 / Double($0) }
        profiles.append(ClockProfile(
            name: "rdtsc",
            resolutionNanoseconds: tickNanoseconds,
            readCostNanoseconds: medianReadCost(batches: batches, readsPerBatch: readsPerBatch) {
                TimestampCounter.read()
            },
            source: .tsc))
        profiles.append(ClockProfile(
            name: "rdtscp",
            resolutionNanoseconds: tickNanoseconds,
            readCostNanoseconds: medianReadCost(batches: batches, readsPerBatch: readsPerBatch) {
                TimestampCounter.readOrdered().ticks
            },
            source: .tsc))
        return profiles
    }

    /// Median over `batches` of (batch time / `readsPerBatch`), in ns; see the type's
    /// doc comment. Inlined so `read` is inlined into the timed loop.
    @inline(__always)
    static func medianReadCost(batches: Int, readsPerBatch: Int, _ read: () -> UInt64) -> Double {
        var costs: [Double] = []
        costs.reserveCapacity(batches)
        var sink: UInt64 = 0
        for _ in 0..<batches {
            let start = Clock.monotonicRaw.nanoseconds()
            for _ in 0..<readsPerBatch {
                sink &+= read()
            }
            let end = Clock.monotonicRaw.nanoseconds()
            costs.append(Double(end - start) / Double(readsPerBatch))
        }
        keep(sink)
        costs.sort()
        return costs.count % 2 == 1
            ? costs[costs.count / 2]
            : (costs[costs.count / 2 - 1] + costs[costs.count / 2]) / 2
    }

    /// Consumes a value where the optimizer cannot see, so the reads that made it stay
    /// even if it could prove them free of side effects.
    @inline(never) @_optimize(none)
    static func keep(_ value: UInt64) {
        withExtendedLifetime(value) {}
    }
}
