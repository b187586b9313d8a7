import PerfV
#if canImport(Glibc)
import Glibc
#endif

/// Comparison 4: what a region costs (begin + end), with no counters and with three
/// perf_event software counters, as a multiple of one vDSO clock read measured in the
/// same interleaved run.
struct RegionBenchmarks {
    let settings: BenchmarkSettings

    static let group = "4. Region begin+end"
    static let baseline = "clock_gettime(CLOCK_MONOTONIC) via vDSO"
    static let softwareCounters = ["perf::task-clock", "perf::context-switches", "perf::page-faults"]

    func rows() -> [BenchmarkRow] {
        let emptyName = "Region().begin()+end(), no event set"
        let countersName = "Region(events: task-clock, context-switches, page-faults).begin()+end()"
        let clock = Contender(Self.baseline) { n in
            BatchTimer.nanosecondsPerCall(iterations: n) { ClockReadBenchmarks.clockGettime(CLOCK_MONOTONIC) }
        }
        var contenders = [clock]
        var unavailable: [BenchmarkRow] = []
        do {
            let region = try Region()
            contenders.append(Contender(emptyName) { n in
                try BatchTimer.nanosecondsPerCall(iterations: n, throwing: {
                    try region.begin()
                    return try region.end().wallNanoseconds
                })
            })
        } catch {
            unavailable.append(BenchmarkRow(unavailable: "region.empty", group: Self.group, perfv: emptyName,
                                            baseline: Self.baseline, reason: "\(error)"))
        }
        do {
            let region = try Region(events: try EventSet(events: Self.softwareCounters))
            contenders.append(Contender(countersName) { n in
                try BatchTimer.nanosecondsPerCall(iterations: n, throwing: {
                    try region.begin()
                    return try region.end().wallNanoseconds
                })
            })
        } catch {
            unavailable.append(BenchmarkRow(unavailable: "region.three_software_counters", group: Self.group,
                                            perfv: countersName, baseline: Self.baseline, reason: "\(error)"))
        }
        var rows: [BenchmarkRow] = []
        do {
            let samples = try Contender.measure(contenders, repetitions: settings.readRepetitions,
                                                batchNanoseconds: settings.batchNanoseconds)
            for index in 1..<contenders.count {
                let name = contenders[index].name == emptyName ? "region.empty" : "region.three_software_counters"
                rows.append(try BenchmarkRow(
                    name: name, group: Self.group, perfv: contenders[index].name, baseline: Self.baseline,
                    samples: PairedSamples(perfv: samples[index], baseline: samples[0]),
                    note: "ratio = region cost in vDSO clock reads; no target"))
            }
        } catch {
            rows = contenders.dropFirst().map {
                BenchmarkRow(unavailable: $0.name == emptyName ? "region.empty" : "region.three_software_counters",
                             group: Self.group, perfv: $0.name, baseline: Self.baseline, reason: "\(error)")
            }
        }
        return rows + unavailable
    }
}
