import CPerfV
import PerfV
#if canImport(Glibc)
import Glibc
#endif

/// What a region handle holds: PerfV's ``Region``, its name, the thread that
/// created it, and the last ``RegionMeasurement`` for `perfv_region_counters`.
final class RegionBox {
    let name: String
    private let region: Region
    /// The thread the region measures: PerfV's `Region` belongs to its creator.
    private let creator: pthread_t
    private var last: RegionMeasurement?

    /// Creates the region on the calling thread, with a fresh event set of
    /// `events` when there are any, so the counters count this thread. `flags` are
    /// perfv_region_create_with's; 0 reads every field at every end.
    init(name: String, events: [String], flags: Int32) throws {
        let known = PERFV_REGION_SKIP_IDLE_READS | PERFV_REGION_NO_PROCESS_CPU
        guard flags & ~known == 0 else {
            throw CallFailure.invalidArgument("unknown region flags 0x\(String(flags & ~known, radix: 16)); "
                                              + "known: PERFV_REGION_SKIP_IDLE_READS, PERFV_REGION_NO_PROCESS_CPU")
        }
        self.name = name
        region = try Region(events: events.isEmpty ? nil : EventSet(events: events),
                            waitingReads: flags & PERFV_REGION_SKIP_IDLE_READS != 0 ? .default : .always,
                            measuresProcessCPU: flags & PERFV_REGION_NO_PROCESS_CPU == 0)
        creator = pthread_self()
    }

    func begin() throws {
        try classifyingMisuse { try region.begin() }
    }

    func end() throws -> perfv_measurement_t {
        let measurement = try classifyingMisuse { try region.end() }
        last = measurement
        return perfv_measurement_t(
            wall_ns: measurement.wallNanoseconds,
            thread_cpu_ns: measurement.threadCPUNanoseconds,
            process_cpu_ns: measurement.processCPUNanoseconds,
            steal_ns: measurement.stealNanoseconds,
            run_delay_ns: measurement.runDelayNanoseconds,
            adjusted_ns: measurement.adjustedWallNanoseconds,
            counter_count: Int32(measurement.counterValues.count),
            cpu_at_begin: measurement.cpuAtBegin,
            cpu_at_end: measurement.cpuAtEnd,
            steal_clamp: measurement.stealClamp?.rawValue ?? 0)
    }

    /// The PERFV_SKIPPED_* bits of the last end: the same bits as PerfV's ``RegionSkippedReads``.
    func lastSkippedReads() throws -> Int32 {
        guard let last else { throw CallFailure.badState("region \"\(name)\" has not ended yet: nothing was read or skipped") }
        return last.skippedReads.rawValue
    }

    /// The counter values of the last end.
    func lastCounterValues() throws -> [Int64] {
        guard let last else { throw CallFailure.badState("region \"\(name)\" has not ended yet: no counter values") }
        return last.counterValues
    }

    /// PerfV reports a call on the wrong thread and a call out of order with the
    /// same error; C callers get PERFV_ETHREAD for the first.
    private func classifyingMisuse<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as PerfVError {
            if case .regionMisuse = error, pthread_equal(pthread_self(), creator) == 0 {
                throw CallFailure(PERFV_ETHREAD, error.description)
            }
            throw error
        }
    }
}
