import CLinux
import CPAPI
import PerfV
#if canImport(Glibc)
import Glibc
#endif

/// Comparisons 1 and 2: PerfV's clock reads against the raw reads they wrap
/// (clock_gettime through the vDSO, rdtsc) and against PAPI's timers.
struct ClockReadBenchmarks {
    let settings: BenchmarkSettings

    static let realTimeGroup = "1. Real-time read"
    static let threadTimeGroup = "2. Thread CPU time read"

    func realTimeRows() -> [BenchmarkRow] {
        var contenders = [
            Contender("Clock.monotonic.nanoseconds()") { n in
                BatchTimer.nanosecondsPerCall(iterations: n) { Clock.monotonic.nanoseconds() }
            },
            Contender("clock_gettime(CLOCK_MONOTONIC) via vDSO") { n in
                BatchTimer.nanosecondsPerCall(iterations: n) { Self.clockGettime(CLOCK_MONOTONIC) }
            },
            Contender("rdtsc") { n in
                BatchTimer.nanosecondsPerCall(iterations: n) { Int64(bitPattern: perfv_rdtsc()) }
            },
        ]
        let papi = Self.papiUnavailableReason()
        if papi == nil {
            contenders.append(Contender("PAPI_get_real_nsec()") { n in
                BatchTimer.nanosecondsPerCall(iterations: n) { PAPI_get_real_nsec() }
            })
        }
        return compare(contenders, group: Self.realTimeGroup, prefix: "clock.real_time",
                       targets: ["clock_gettime(CLOCK_MONOTONIC) via vDSO": .atMost(1.10)],
                       papiUnavailable: papi, papiName: "PAPI_get_real_nsec()")
    }

    func threadTimeRows() -> [BenchmarkRow] {
        var contenders = [
            Contender("Clock.threadCPUTime.nanoseconds()") { n in
                BatchTimer.nanosecondsPerCall(iterations: n) { Clock.threadCPUTime.nanoseconds() }
            },
            Contender("clock_gettime(CLOCK_THREAD_CPUTIME_ID)") { n in
                BatchTimer.nanosecondsPerCall(iterations: n) { Self.clockGettime(CLOCK_THREAD_CPUTIME_ID) }
            },
        ]
        let papi = Self.papiUnavailableReason()
        if papi == nil {
            contenders.append(Contender("PAPI_get_virt_nsec()") { n in
                BatchTimer.nanosecondsPerCall(iterations: n) { PAPI_get_virt_nsec() }
            })
        }
        return compare(contenders, group: Self.threadTimeGroup, prefix: "clock.thread_cpu",
                       targets: ["clock_gettime(CLOCK_THREAD_CPUTIME_ID)": .atMost(1.10)],
                       papiUnavailable: papi, papiName: "PAPI_get_virt_nsec()")
    }

    /// Measures the contenders interleaved; one row per baseline, each against contender 0 (PerfV).
    private func compare(_ contenders: [Contender], group: String, prefix: String, targets: [String: Target],
                         papiUnavailable: String?, papiName: String) -> [BenchmarkRow] {
        let perfv = contenders[0].name
        var rows: [BenchmarkRow] = []
        do {
            let samples = try Contender.measure(contenders, repetitions: settings.readRepetitions,
                                                batchNanoseconds: settings.batchNanoseconds)
            for index in 1..<contenders.count {
                let baseline = contenders[index].name
                rows.append(try BenchmarkRow(
                    name: "\(prefix).vs_\(Slug.make(baseline))", group: group, perfv: perfv, baseline: baseline,
                    samples: PairedSamples(perfv: samples[0], baseline: samples[index]), target: targets[baseline]))
            }
        } catch {
            rows = contenders.dropFirst().map {
                BenchmarkRow(unavailable: "\(prefix).vs_\(Slug.make($0.name))", group: group, perfv: perfv,
                             baseline: $0.name, target: targets[$0.name], reason: "\(error)")
            }
        }
        if let papiUnavailable {
            rows.append(BenchmarkRow(unavailable: "\(prefix).vs_\(Slug.make(papiName))", group: group,
                                     perfv: perfv, baseline: papiName, reason: papiUnavailable))
        }
        return rows
    }

    /// nil when PAPI initializes (its timers work even with no usable counter); otherwise why not.
    static func papiUnavailableReason() -> String? {
        do {
            _ = try PAPILibrary.shared()
            return nil
        } catch {
            return "PAPI is unavailable: \(error)"
        }
    }

    @inline(__always)
    static func clockGettime(_ clock: clockid_t) -> Int64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return Int64(now.tv_sec) &* 1_000_000_000 &+ Int64(now.tv_nsec)
    }
}
