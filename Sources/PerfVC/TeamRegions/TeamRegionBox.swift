import CPerfV
import PerfV
#if canImport(Glibc)
import Glibc
#endif

/// What a team-region handle holds: PerfV's ``TeamRegion``, the thread that created
/// it (begin and end run there, outside the parallel region), and the last
/// measurement for `perfv_team_region_threads`.
final class TeamRegionBox {
    private let region: TeamRegion
    private let creator: pthread_t
    private var last: TeamRegionMeasurement?

    init(excluding excluded: Set<Int32>) throws {
        region = try TeamRegion(excluding: excluded)
        creator = pthread_self()
    }

    func begin() throws {
        try checkThread()
        try region.begin()
    }

    func end() throws -> perfv_team_measurement_t {
        try checkThread()
        let measurement = try region.end()
        last = measurement
        return perfv_team_measurement_t(
            wall_ns: measurement.wallNanoseconds,
            adjusted_ns: measurement.adjustedWallNanoseconds,
            thread_count: Int32(measurement.threads.count),
            critical_thread_id: measurement.criticalThreadID ?? -1)
    }

    /// The threads of the last end, as C structs.
    func lastThreads() throws -> [perfv_team_thread_t] {
        guard let last else { throw CallFailure.badState("the team region has not ended yet: no threads") }
        return last.threads.map {
            perfv_team_thread_t(thread_id: $0.threadID, started_in_region: $0.startedInRegion ? 1 : 0,
                                cpu_ns: $0.cpuNanoseconds, run_delay_ns: $0.runDelayNanoseconds,
                                steal_ns: $0.stealNanoseconds)
        }
    }

    /// PerfV's TeamRegion is not thread-safe: a call from a team thread is refused
    /// rather than racing with the master.
    private func checkThread() throws {
        guard pthread_equal(pthread_self(), creator) != 0 else {
            throw CallFailure(PERFV_ETHREAD, "a team region begins and ends on the thread that created it, "
                              + "outside the parallel region")
        }
    }
}
