import PerfV
#if canImport(Glibc)
import Glibc
#endif

/// Comparison 4: what a region costs (begin + end) as a multiple of one vDSO clock read
/// measured in the same interleaved run: the default region (run delay and steal
/// skipped when the thread was barely off CPU), one reading everything (as C regions
/// and `Region.measure` do), and one with three perf_event software counters.
struct RegionBenchmarks {
    let settings: BenchmarkSettings

    static let group = "4. Region begin+end"
    static let baseline = "clock_gettime(CLOCK_MONOTONIC) via vDSO"
    static let softwareCounters = ["perf::task-clock", "perf::context-switches", "perf::page-faults"]

    /// A region kind measured in one row.
    private struct Variant {
        let row: String
        let label: String
        let target: Target?
        let note: String
        let makeRegion: () throws -> Region
    }

    private static let variants = [
        Variant(row: "region.empty", label: "Region().begin()+end(), no event set", target: .atMost(120),
                note: "ratio = region cost in vDSO clock reads; run delay and steal skipped when off CPU ≤ 10 µs") {
            try Region()
        },
        Variant(row: "region.all_reads",
                label: "Region(waitingReads: .always, measuresProcessCPU: true).begin()+end()", target: nil,
                note: "every field read at every end, as C regions do; steal from a sample ≤ 1 ms old") {
            try Region(waitingReads: .always, measuresProcessCPU: true)
        },
        Variant(row: "region.three_software_counters",
                label: "Region(events: task-clock, context-switches, page-faults).begin()+end()", target: nil,
                note: "ratio = region cost in vDSO clock reads; no target") {
            try Region(events: try EventSet(events: softwareCounters))
        },
    ]

    func rows() -> [BenchmarkRow] {
        let clock = Contender(Self.baseline) { n in
            BatchTimer.nanosecondsPerCall(iterations: n) { ClockReadBenchmarks.clockGettime(CLOCK_MONOTONIC) }
        }
        var contenders = [clock]
        var measured: [Variant] = []
        var unavailable: [BenchmarkRow] = []
        for variant in Self.variants {
            do {
                let region = try variant.makeRegion()
                contenders.append(Contender(variant.label) { n in
                    try BatchTimer.nanosecondsPerCall(iterations: n, throwing: {
                        try region.begin()
                        return try region.end().wallNanoseconds
                    })
                })
                measured.append(variant)
            } catch {
                unavailable.append(BenchmarkRow(unavailable: variant.row, group: Self.group, perfv: variant.label,
                                                baseline: Self.baseline, target: variant.target, reason: "\(error)"))
            }
        }
        var rows: [BenchmarkRow] = []
        do {
            let samples = try Contender.measure(contenders, repetitions: settings.readRepetitions,
                                                batchNanoseconds: settings.batchNanoseconds)
            for (index, variant) in measured.enumerated() {
                rows.append(try BenchmarkRow(
                    name: variant.row, group: Self.group, perfv: variant.label, baseline: Self.baseline,
                    samples: PairedSamples(perfv: samples[index + 1], baseline: samples[0]),
                    target: variant.target, note: variant.note))
            }
        } catch {
            rows = measured.map {
                BenchmarkRow(unavailable: $0.row, group: Self.group, perfv: $0.label, baseline: Self.baseline,
                             target: $0.target, reason: "\(error)")
            }
        }
        return rows + unavailable
    }
}
