import CPerfV
import PerfV
import PerfVC
#if canImport(Glibc)
import Glibc
#endif

/// Comparison 4: what a region costs (begin + end) as a multiple of one vDSO clock read
/// measured in the same interleaved run: the default region (run delay and steal
/// skipped when the thread was barely off CPU), one reading everything (as
/// `Region.measure` does), one with three perf_event software counters, and the C
/// API's regions through its entry points (handle table and conversion included).
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
        /// Sets the region up and returns one begin + end, returning the wall time.
        let makeCycle: () throws -> () throws -> Int64
    }

    /// A Swift ``Region``'s begin + end.
    private static func cycle(_ region: Region) -> () throws -> Int64 {
        { try region.begin(); return try region.end().wallNanoseconds }
    }

    /// A C region made with `perfv_region_create_with(flags)`: its begin + end through the C API.
    private static func cCycle(flags: Int32) throws -> () throws -> Int64 {
        // Built from this source, so the library's own version is the header's.
        try check(perfv_init(perfv_library_version()), "perfv_init")
        var region: perfv_region_t?
        try check(perfv_region_create_with("bench", nil, flags, &region), "perfv_region_create_with")
        return {
            var measurement = perfv_measurement_t()
            try check(perfv_region_begin(region), "perfv_region_begin")
            try check(perfv_region_end(region, &measurement), "perfv_region_end")
            return measurement.wall_ns
        }
    }

    private static func check(_ status: Int32, _ call: String) throws {
        guard status == PERFV_OK else {
            throw BenchmarkError.unavailable("\(call): \(String(cString: perfv_strerror(status))): \(String(cString: perfv_last_error_message()))")
        }
    }

    private static let variants = [
        Variant(row: "region.empty", label: "Region().begin()+end(), no event set", target: .atMost(120),
                note: "ratio = region cost in vDSO clock reads; run delay and steal skipped when off CPU ≤ 10 µs") {
            cycle(try Region())
        },
        Variant(row: "region.all_reads",
                label: "Region(waitingReads: .always, measuresProcessCPU: true).begin()+end()", target: nil,
                note: "every field read at every end, as perfv_region_create's C regions do; steal from a sample ≤ 1 ms old") {
            cycle(try Region(waitingReads: .always, measuresProcessCPU: true))
        },
        Variant(row: "region.three_software_counters",
                label: "Region(events: task-clock, context-switches, page-faults).begin()+end()", target: nil,
                note: "ratio = region cost in vDSO clock reads; no target") {
            cycle(try Region(events: try EventSet(events: softwareCounters)))
        },
        Variant(row: "region.c_all_reads", label: "C: perfv_region_create, perfv_region_begin+end", target: nil,
                note: "every field read, through the C entry points (handle lookup, conversion)") {
            try cCycle(flags: 0)
        },
        Variant(row: "region.c_fast", label: "C: perfv_region_create_with(PERFV_REGION_FAST), begin+end", target: nil,
                note: "schedstat and steal skipped when off CPU ≤ 10 µs, no process CPU clock; through the C entry points") {
            try cCycle(flags: PERFV_REGION_SKIP_IDLE_READS | PERFV_REGION_NO_PROCESS_CPU)
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
                let beginAndEnd = try variant.makeCycle()
                contenders.append(Contender(variant.label) { n in
                    try BatchTimer.nanosecondsPerCall(iterations: n, throwing: beginAndEnd)
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
