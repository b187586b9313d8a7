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
/// **What it reads.** ``begin()`` and ``end()`` each pread /proc/stat (per-CPU steal)
/// and the thread's schedstat (run delay) from descriptors opened in `init`, read
/// CLOCK_MONOTONIC, CLOCK_THREAD_CPUTIME_ID and CLOCK_PROCESS_CPUTIME_ID, and note
/// the CPU (sched_getcpu). The slow file reads sit outside the timed interval, and
/// the wall interval encloses the thread-CPU interval. Without an event set,
/// begin/end allocate nothing and open no file.
///
/// **Cost.** Mostly the two /proc/stat reads: the kernel formats the whole file on
/// each read. Measured here (release build, 2-vCPU VM): begin + end ≈ 26 µs when the
/// machine is quiet (/proc/stat ≈ 2 × 7.6 µs, schedstat ≈ 2 × 0.65 µs, the CPU-time
/// clocks ≈ 4 × 0.43 µs), up to ≈ 78 µs under heavy load from other work. Time
/// sub-millisecond code with ``Clock`` instead.
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
    /// The reader of steal and run delay, bound to the region's thread.
    private let stealReader: StealReader

    private let owner: pthread_t
    private let counterNames: [String]
    private let counterValues: UnsafeMutableBufferPointer<Int64>
    /// Per-CPU steal in USER_HZ ticks at begin and at end (``StealReader/cpuCapacity`` each).
    private let stealTicksAtBegin: UnsafeMutableBufferPointer<Int64>
    private let stealTicksAtEnd: UnsafeMutableBufferPointer<Int64>

    private var isOpen = false
    private var cpuAtBegin: Int32 = -1
    private var wallAtBegin: Int64 = 0
    private var threadCPUAtBegin: Int64 = 0
    private var processCPUAtBegin: Int64 = 0
    private var runDelayAtBegin: Int64 = 0

    /// Prepares a region for the calling thread: opens /proc/stat and the thread's
    /// schedstat, and allocates every buffer begin/end will use.
    public init(events: EventSet? = nil) throws {
        self.events = events
        stealReader = try StealReader()
        owner = pthread_self()
        counterNames = events?.eventNames ?? []
        counterValues = .allocate(capacity: counterNames.count)
        counterValues.initialize(repeating: 0)
        stealTicksAtBegin = .allocate(capacity: stealReader.cpuCapacity)
        stealTicksAtBegin.initialize(repeating: 0)
        stealTicksAtEnd = .allocate(capacity: stealReader.cpuCapacity)
        stealTicksAtEnd.initialize(repeating: 0)
    }

    deinit {
        counterValues.deallocate()
        stealTicksAtBegin.deallocate()
        stealTicksAtEnd.deallocate()
    }

    /// Starts the region: samples steal, run delay, the CPU, the clocks, then starts
    /// the event set.
    public func begin() throws {
        try checkThread()
        guard !isOpen else { throw PerfVError.regionMisuse(reason: "begin() called twice without end()") }
        _ = try stealReader.readProcStat(into: stealTicksAtBegin)
        runDelayAtBegin = try stealReader.readSchedStat().runDelayNanoseconds
        cpuAtBegin = try Self.currentCPU()
        processCPUAtBegin = Clock.processCPUTime.nanoseconds()
        wallAtBegin = Clock.monotonic.nanoseconds()
        threadCPUAtBegin = Clock.threadCPUTime.nanoseconds()
        try events?.start()
        isOpen = true
    }

    /// Ends the region and returns what it measured.
    public func end() throws -> RegionMeasurement {
        try checkThread()
        guard isOpen else { throw PerfVError.regionMisuse(reason: "end() called without begin()") }
        isOpen = false
        if let events {
            defer { try? events.stop() }
            try events.read(into: counterValues)
        }
        let threadCPU = Clock.threadCPUTime.nanoseconds() - threadCPUAtBegin
        let wall = Clock.monotonic.nanoseconds() - wallAtBegin
        let processCPU = Clock.processCPUTime.nanoseconds() - processCPUAtBegin
        let cpuAtEnd = try Self.currentCPU()
        let runDelay = try stealReader.readSchedStat().runDelayNanoseconds - runDelayAtBegin
        _ = try stealReader.readProcStat(into: stealTicksAtEnd)

        var stealTicks = try stealTicksDelta(cpu: Int(cpuAtBegin))
        if cpuAtEnd != cpuAtBegin { stealTicks += try stealTicksDelta(cpu: Int(cpuAtEnd)) }
        let steal = StealAdjustment.clampedSteal(try stealReader.nanoseconds(ticks: stealTicks), wall: wall)

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
            counterValues: counterNames.isEmpty ? [] : Array(counterValues),
            stealClamp: steal.clamp)
    }

    /// Measures `body` once in a fresh region on the calling thread.
    ///
    /// Opens the region's files on each call; to time many steps, keep a ``Region``.
    public static func measure<Result>(
        events: EventSet? = nil,
        _ body: () throws -> Result
    ) throws -> (result: Result, measurement: RegionMeasurement) {
        let region = try Region(events: events)
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

    /// Steal ticks of `cpu` between begin and end.
    private func stealTicksDelta(cpu: Int) throws -> Int64 {
        guard stealTicksAtBegin.indices.contains(cpu),
              stealTicksAtBegin[cpu] != ProcStatParser.absent,
              stealTicksAtEnd[cpu] != ProcStatParser.absent
        else {
            throw PerfVError.malformedFile(
                path: ProcStatParser.path, reason: "no 'cpu\(cpu)' line although the thread ran on CPU \(cpu)")
        }
        return stealTicksAtEnd[cpu] - stealTicksAtBegin[cpu]
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
