/// Times a fork-join stretch of code — a parallel loop, a thread team joined at the
/// end — and adjusts its wall time by the waiting imposed on the team's critical
/// thread, not only on the thread that times it.
///
/// ```swift
/// let team = try TeamRegion()
/// try team.begin()
/// runParallelLoop()            // workers of a pool, or threads started and joined here
/// let m = try team.end()
/// print(m.wallNanoseconds, m.adjustedWallNanoseconds, m.criticalThreadID ?? -1)
/// ```
///
/// A ``Region`` on the master thread sees only the master's run delay: when a
/// worker's CPU is contended the master just blocks at the join, and the region's
/// adjusted time keeps the worker's waiting. A team region samples every thread of
/// the process (/proc/self/task) at begin and at end — run delay, on-CPU time, the
/// CPU it last ran on — plus per-CPU steal, and applies ``ForkJoinAdjustment``.
/// Threads started inside the region count from 0; threads that exit before end
/// are not seen (their work is not part of the adjustment).
///
/// **Cost.** Listing the threads and reading two files per thread allocates; begin +
/// end took ~0.1 ms per thread here (debug build): time a parallel loop, not an
/// iteration of it. The reads happen outside the timed interval (before the clock
/// at begin, after it at end).
///
/// **The team** is every thread of the process but the ones excluded at `init`: a
/// busy thread that is not part of the team (a load generator, a sampler) could be
/// taken for the critical thread.
///
/// **Threads.** Not thread-safe: begin and end on the master, one region open at a time.
public final class TeamRegion {
    /// Threads of the process that are not part of the team.
    public let excludedThreadIDs: Set<Int32>
    private let tasks = ProcessTaskReader()
    private let stealReader: StealReader
    private let stealSampler: StealSampler

    private var isOpen = false
    private var wallAtBegin: Int64 = 0
    private var stealSampleAtBegin: UInt64 = 0
    private var tasksAtBegin: [TaskSample] = []

    /// Opens /proc/stat for the per-CPU steal samples.
    ///
    /// - Parameter excludedThreadIDs: Linux thread ids left out of the team.
    public init(excluding excludedThreadIDs: Set<Int32> = []) throws {
        self.excludedThreadIDs = excludedThreadIDs
        stealReader = try StealReader()
        stealSampler = StealSampler(reader: stealReader)
    }

    /// Samples every thread and the steal of every CPU, then starts the wall clock.
    public func begin() throws {
        guard !isOpen else { throw PerfVError.regionMisuse(reason: "begin() called twice without end()") }
        try stealSampler.refreshIfOlder(now: Clock.monotonic.nanoseconds())
        stealSampleAtBegin = stealSampler.generation
        tasksAtBegin = try tasks.readTasks(excluding: excludedThreadIDs)
        wallAtBegin = Clock.monotonic.nanoseconds()
        isOpen = true
    }

    /// Stops the wall clock, samples every thread and the steal again, and returns the measurement.
    public func end() throws -> TeamRegionMeasurement {
        guard isOpen else { throw PerfVError.regionMisuse(reason: "end() called without begin()") }
        isOpen = false
        let wallAtEnd = Clock.monotonic.nanoseconds()
        let wall = wallAtEnd - wallAtBegin
        let tasksAtEnd = try tasks.readTasks(excluding: excludedThreadIDs)
        try stealSampler.refreshIfOlder(now: wallAtEnd)

        var threads: [TeamThreadMeasurement] = []
        threads.reserveCapacity(tasksAtEnd.count)
        // Both samples are sorted by thread id: walk them together.
        var beginIndex = tasksAtBegin.startIndex
        for last in tasksAtEnd {
            while beginIndex < tasksAtBegin.endIndex, tasksAtBegin[beginIndex].threadID < last.threadID { beginIndex += 1 }
            let first = beginIndex < tasksAtBegin.endIndex && tasksAtBegin[beginIndex].threadID == last.threadID
                ? tasksAtBegin[beginIndex] : nil
            let before = first?.schedStat ?? SchedStat(onCPUNanoseconds: 0, runDelayNanoseconds: 0, timeslices: 0)
            let stealTicks = try stealSampler.stealTicksDelta(
                cpus: first?.cpu ?? last.cpu, last.cpu, since: stealSampleAtBegin)
            let steal = StealAdjustment.clampedSteal(try stealReader.nanoseconds(ticks: stealTicks), wall: wall)
            threads.append(TeamThreadMeasurement(
                threadID: last.threadID,
                cpuNanoseconds: last.schedStat.onCPUNanoseconds - before.onCPUNanoseconds,
                runDelayNanoseconds: last.schedStat.runDelayNanoseconds - before.runDelayNanoseconds,
                stealNanoseconds: steal.nanoseconds,
                startedInRegion: first == nil))
        }
        tasksAtBegin.removeAll(keepingCapacity: true)

        let adjusted = ForkJoinAdjustment.adjustedWallNanoseconds(wall: wall, threads: threads)
        return TeamRegionMeasurement(
            wallNanoseconds: wall,
            adjustedWallNanoseconds: adjusted.nanoseconds,
            threads: threads,
            criticalThreadID: adjusted.criticalIndex.map { threads[$0].threadID })
    }
}
