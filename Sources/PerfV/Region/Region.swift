import SystemCalls
import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// Times a stretch of code on one thread: wall and CPU time, the waiting it did not
/// cause (run delay and steal), a steal-adjusted wall time, and optionally counters.
///
/// ```swift
/// import PerfV
///
/// // Closure form: opens what it needs, measures once.
/// let (sum, m) = try Region.measure { (0..<50_000_000).reduce(0, &+) }
/// print("wall \(m.wallNanoseconds) ns, adjusted \(m.adjustedWallNanoseconds) ns,",
///       "run delay \(m.runDelayNanoseconds) ns, steal \(m.stealNanoseconds) ns")
///
/// // Kept region: create once per thread, then begin/end around each step.
/// let region = try Region(events: try EventSet(events: ["perf::task-clock"]))
/// for step in steps {
///     try region.begin()
///     step.run()
///     let m = try region.end()
///     print(m.adjustedWallNanoseconds, m[counter: "perf::task-clock"] ?? 0)
/// }
/// ```
///
/// **What it reads.** ``begin()`` reads the thread's schedstat (run delay) from a
/// descriptor opened in `init`, notes the CPU (sched_getcpu), then CLOCK_MONOTONIC
/// and CLOCK_THREAD_CPUTIME_ID. ``end()`` reads the two clocks and the CPU; only when
/// the thread was off CPU (`wall − threadCPU`) for more than the ``WaitingReadPolicy``
/// threshold (10 µs by default) does it read schedstat and steal again: below it the
/// adjusted wall time is the wall time, exact to within `wall − threadCPU`, and the
/// measurement says the reads were skipped (``RegionMeasurement/skippedReads``).
/// Steal comes from a per-region /proc/stat sample at most 1 ms old (``StealSampler``),
/// re-read before the clocks at begin and after them at end, so the slow file reads
/// sit outside the timed interval; the wall interval encloses the thread-CPU
/// interval. CLOCK_PROCESS_CPUTIME_ID is read only when asked for (`measuresProcessCPU`).
/// Without an event set, begin/end allocate nothing and open no file.
///
/// **Cost.** Measured here (release build, 2-vCPU VM, `perfv-bench --only region`):
/// begin + end ≈ 1.1 µs by default (about 36 vDSO clock reads: mostly the schedstat
/// pread at begin and the two thread CPU-time reads), plus a /proc/stat read
/// (≈ 6 µs) at most once per ms; ≈ 2 µs with `.always` and process CPU time.
///
/// **Steal on the CPUs used.** Steal is summed over the CPUs seen at begin and at
/// end. If the thread migrates mid-region to a CPU it has left again by the end,
/// that CPU's steal is missed: a limit of sampling, not a zero by design.
///
/// **Threads.** A region measures the thread that created it and must be begun and
/// ended on that thread (checked: misuse throws `PerfVError.regionMisuse`). Regions
/// do not nest on one `Region` value; use one value per nesting level. An event set
/// may serve one open region at a time: ``begin()`` starts it (zeroing its counts)
/// and ``end()`` reads and stops it.
public final class Region {
    /// The counters counted over each region, if any.
    public let events: EventSet?
    /// When end() reads run delay and steal.
    public let waitingReads: WaitingReadPolicy
    /// Whether regions read CLOCK_PROCESS_CPUTIME_ID (≈ 0.55 µs per read; the adjustment does not use it).
    public let measuresProcessCPU: Bool
    /// The reader of steal and run delay, bound to the region's thread.
    private let stealReader: StealReader
    private let stealSampler: StealSampler

    private let owner: pthread_t
    private let counterNames: [String]
    private let counterValues: UnsafeMutableBufferPointer<Int64>

    private var isOpen = false
    private var cpuAtBegin: Int32 = -1
    private var wallAtBegin: Int64 = 0
    private var threadCPUAtBegin: Int64 = 0
    private var processCPUAtBegin: Int64 = 0
    private var runDelayAtBegin: Int64 = 0
    private var stealSampleAtBegin: UInt64 = 0

    /// Prepares a region for the calling thread: opens /proc/stat and the thread's
    /// schedstat, and allocates every buffer begin/end will use.
    ///
    /// - Parameters:
    ///   - waitingReads: when end() reads run delay and steal (``WaitingReadPolicy/default``:
    ///     skipped when the thread was off CPU for at most 10 µs).
    ///   - measuresProcessCPU: also read CLOCK_PROCESS_CPUTIME_ID at begin and end.
    public init(events: EventSet? = nil, waitingReads: WaitingReadPolicy = .default,
                measuresProcessCPU: Bool = false) throws {
        self.events = events
        self.waitingReads = waitingReads
        self.measuresProcessCPU = measuresProcessCPU
        stealReader = try StealReader()
        stealSampler = StealSampler(reader: stealReader)
        owner = pthread_self()
        counterNames = events?.eventNames ?? []
        counterValues = .allocate(capacity: counterNames.count)
        counterValues.initialize(repeating: 0)
    }

    deinit {
        counterValues.deallocate()
    }

    /// Starts the region: refreshes the steal sample if it is older than 1 ms, reads run
    /// delay, the CPU, the clocks, then starts the event set.
    public func begin() throws {
        try checkThread()
        guard !isOpen else { throw PerfVError.regionMisuse(reason: "begin() called twice without end()") }
        try stealSampler.refreshIfOlder(now: Clock.monotonic.nanoseconds())
        stealSampleAtBegin = stealSampler.generation
        runDelayAtBegin = try stealReader.readSchedStat().runDelayNanoseconds
        cpuAtBegin = try Self.currentCPU()
        if measuresProcessCPU { processCPUAtBegin = Clock.processCPUTime.nanoseconds() }
        wallAtBegin = Clock.monotonic.nanoseconds()
        threadCPUAtBegin = Clock.threadCPUTime.nanoseconds()
        try events?.start()
        isOpen = true
    }

    /// Ends the region and returns what it measured.
    public func end() throws -> RegionMeasurement {
        try end(copyingCounters: true)
    }

    /// The counter values of the last end, valid until the next begin: what
    /// `end(copyingCounters: false)` leaves out of its measurement.
    var lastCounterValues: UnsafeBufferPointer<Int64> { UnsafeBufferPointer(counterValues) }

    /// ``end()``; without `copyingCounters` the measurement's `counterValues` is empty
    /// and nothing is allocated (named regions add ``lastCounterValues`` to their totals).
    func end(copyingCounters: Bool) throws -> RegionMeasurement {
        try checkThread()
        guard isOpen else { throw PerfVError.regionMisuse(reason: "end() called without begin()") }
        isOpen = false
        if let events {
            defer { try? events.stop() }
            try events.read(into: counterValues)
        }
        let threadCPU = Clock.threadCPUTime.nanoseconds() - threadCPUAtBegin
        let wallAtEnd = Clock.monotonic.nanoseconds()
        let wall = wallAtEnd - wallAtBegin
        var skipped: RegionSkippedReads = measuresProcessCPU ? [] : .processCPUTime
        let processCPU = measuresProcessCPU ? Clock.processCPUTime.nanoseconds() - processCPUAtBegin : 0
        let cpuAtEnd = try Self.currentCPU()

        var runDelay: Int64 = 0
        var steal: (nanoseconds: Int64, clamp: StealClamp?) = (0, nil)
        if waitingReads.skipsReads(wall: wall, threadCPU: threadCPU) {
            skipped.insert(.runDelayAndSteal)
        } else {
            runDelay = try stealReader.readSchedStat().runDelayNanoseconds - runDelayAtBegin
            try stealSampler.refreshIfOlder(now: wallAtEnd)
            let stealTicks = try stealSampler.stealTicksDelta(
                cpus: cpuAtBegin, cpuAtEnd, since: stealSampleAtBegin)
            steal = StealAdjustment.clampedSteal(try stealReader.nanoseconds(ticks: stealTicks), wall: wall)
        }

        return RegionMeasurement(
            wallNanoseconds: wall,
            threadCPUNanoseconds: threadCPU,
            processCPUNanoseconds: processCPU,
            runDelayNanoseconds: runDelay,
            stealNanoseconds: steal.nanoseconds,
            cpuAtBegin: cpuAtBegin,
            cpuAtEnd: cpuAtEnd,
            adjustedWallNanoseconds: StealAdjustment.adjustedWallNanoseconds(
                wall: wall, threadCPU: threadCPU, runDelay: runDelay, steal: steal.nanoseconds),
            counterNames: counterNames,
            counterValues: counterNames.isEmpty || !copyingCounters ? [] : Array(counterValues),
            stealClamp: steal.clamp,
            skippedReads: skipped)
    }

    /// Measures `body` once in a fresh region on the calling thread.
    ///
    /// Opens the region's files on each call, which costs far more than any read, so
    /// by default it reads everything (`.always`, process CPU time); to time many
    /// steps, keep a ``Region``.
    public static func measure<Result>(
        events: EventSet? = nil,
        waitingReads: WaitingReadPolicy = .always,
        measuresProcessCPU: Bool = true,
        _ body: () throws -> Result
    ) throws -> (result: Result, measurement: RegionMeasurement) {
        let region = try Region(events: events, waitingReads: waitingReads, measuresProcessCPU: measuresProcessCPU)
        try region.begin()
        let result: Result
        do {
            result = try body()
        } catch {
            _ = try? region.end()
            throw error
        }
        return (result, try region.end())
    }

    private func checkThread() throws {
        guard pthread_equal(pthread_self(), owner) != 0 else {
            throw PerfVError.regionMisuse(
                reason: "the region belongs to thread \(stealReader.threadID); begin/end must run on it")
        }
    }

    /// sched_getcpu(3), served by the vDSO/rseq without a system call on x86-64.
    private static func currentCPU() throws -> Int32 {
        let cpu = perfv_current_cpu()
        guard cpu >= 0 else { throw PerfVError.systemCall(.lastError(of: "sched_getcpu")) }
        return cpu
    }
}
