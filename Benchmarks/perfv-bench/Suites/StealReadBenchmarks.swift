import SystemCalls
import CBaselines
import PerfV
#if canImport(Glibc)
import Glibc
#endif

/// Comparison 3: PerfV's per-CPU steal read (a kept /proc/stat descriptor, one pread,
/// parsed in place) against what PAPI's stealtime component does on every read
/// (fopen /proc/stat, fgets + sscanf the cpu lines, fclose), in C.
struct StealReadBenchmarks {
    let settings: BenchmarkSettings

    static let group = "3. Steal read"
    static let perfv = "StealReader.readStealNanoseconds(cpu: 0)"
    static let perfvRunDelay = "StealReader.readRunDelayNanoseconds() (kept fd, pread of schedstat)"
    static let barePread = "pread of /proc/stat from a kept descriptor, no parsing (the floor of any /proc/stat reader)"
    static let baseline = "fopen+fgets+sscanf+fclose /proc/stat (PAPI stealtime style, C)"

    func rows() -> [BenchmarkRow] {
        let name = "steal.per_cpu_read"
        do {
            let reader = try StealReader()
            // The floor of any /proc/stat reader: one pread of a kept descriptor, no parsing.
            let procStat: SharedFileDescriptor
            do { procStat = SharedFileDescriptor(try FileDescriptor(opening: "/proc/stat", O_RDONLY)) } catch {
                throw BenchmarkError.systemCall(error)
            }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
            defer { buffer.deallocate() }
            let contenders = [
                Contender(Self.perfv) { n in
                    try BatchTimer.nanosecondsPerCall(iterations: n, throwing: {
                        guard let steal = try reader.readStealNanoseconds(cpu: 0) else {
                            throw BenchmarkError.unavailable("/proc/stat has no cpu0 line")
                        }
                        return steal
                    })
                },
                Contender(Self.perfvRunDelay) { n in
                    try BatchTimer.nanosecondsPerCall(iterations: n, throwing: { try reader.readRunDelayNanoseconds() })
                },
                Contender(Self.barePread) { n in
                    try BatchTimer.nanosecondsPerCall(iterations: n, throwing: {
                        do throws(SystemCallError) { return Int64(try procStat.descriptor.read(into: buffer, atOffset: 0)) } catch {
                            throw BenchmarkError.systemCall(error.about("/proc/stat"))
                        }
                    })
                },
                Contender(Self.baseline) { n in
                    try BatchTimer.nanosecondsPerCall(iterations: n, throwing: {
                        var ticks: Int64 = 0
                        guard perfv_proc_stat_steal_ticks(0, &ticks) == 0 else {
                            throw BenchmarkError.systemCall(.lastError(of: "fopen/parse(/proc/stat)"))
                        }
                        return ticks
                    })
                },
            ]
            let samples = try Contender.measure(contenders, repetitions: settings.readRepetitions,
                                                batchNanoseconds: settings.batchNanoseconds)
            var steal = try BenchmarkRow(
                name: name, group: Self.group, perfv: Self.perfv, baseline: Self.baseline,
                samples: PairedSamples(perfv: samples[0], baseline: samples[3]),
                ratioIs: .baselineOverPerfv, target: .atLeast(10))
            if steal.met == false {
                steal.note = "both sides make the kernel format all of /proc/stat (every CPU line, every interrupt "
                    + "count) on each read; that dominates (see steal.per_cpu_read.vs_bare_pread), and only "
                    + "fopen/fclose and stdio parsing can be saved"
            }
            let floor = try BenchmarkRow(
                name: "steal.per_cpu_read.vs_bare_pread", group: Self.group, perfv: Self.perfv, baseline: Self.barePread,
                samples: PairedSamples(perfv: samples[0], baseline: samples[2]),
                note: "PerfV's read over the kernel's cost of producing /proc/stat; no target")
            let runDelay = try BenchmarkRow(
                name: "steal.run_delay_read", group: Self.group, perfv: Self.perfvRunDelay, baseline: Self.baseline,
                samples: PairedSamples(perfv: samples[1], baseline: samples[3]), ratioIs: .baselineOverPerfv,
                note: "a different quantity (this thread's run delay, which Region also reads), shown for its cost; no target")
            return [steal, floor, runDelay]
        } catch {
            return [BenchmarkRow(unavailable: name, group: Self.group, perfv: Self.perfv, baseline: Self.baseline,
                                 ratioIs: .baselineOverPerfv, target: .atLeast(10), reason: "\(error)")]
        }
    }
}
