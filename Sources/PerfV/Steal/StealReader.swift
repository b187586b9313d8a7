import SystemCalls
import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// Reads steal time (/proc/stat) and one thread's run delay (schedstat) from files
/// it keeps open.
///
/// Each read is one pread(2) at offset 0 of a kept descriptor into a buffer
/// allocated once in `init`, parsed in place: no fopen, no allocation, no lock.
///
/// **Which thread.** The scheduler statistics are per thread. A reader follows the
/// thread it was created on (or the thread id it is given): it opens
/// `/proc/self/task/<tid>/schedstat`, not `/proc/thread-self/schedstat`, so it keeps
/// reading that thread whichever thread calls it. Create one reader per thread you
/// want to observe. A reader is not thread-safe: its buffers are reused by every read.
///
/// ```swift
/// let reader = try StealReader()                 // this thread
/// let before = try reader.readRunDelayNanoseconds()
/// work()
/// let waited = try reader.readRunDelayNanoseconds() - before
/// let stolen = try reader.readSystemStealNanoseconds()   // since boot, all CPUs
/// ```
public final class StealReader {
    /// The thread whose schedstat this reader reads (a Linux tid).
    public let threadID: Int32
    /// `/proc/self/task/<tid>/schedstat` for ``threadID``.
    public let schedStatPath: String
    /// USER_HZ, the unit of /proc/stat (sysconf(_SC_CLK_TCK)).
    public let userHZ: Int64
    /// CPU numbers this reader accepts in /proc/stat (sysconf(_SC_NPROCESSORS_CONF)).
    public let cpuCapacity: Int
    /// The file steal is read from: /proc/stat.
    let procStatPath: String

    private let procStat: FileDescriptor
    private let schedStat: FileDescriptor
    /// Sized for every possible CPU's line plus the start of the next line, so a
    /// full buffer means the cpu lines were cut off.
    private let procStatBuffer: UnsafeMutableRawBufferPointer
    private let schedStatBuffer: UnsafeMutableRawBufferPointer
    private let perCPUStealTicks: UnsafeMutableBufferPointer<Int64>

    /// Bytes reserved per cpu line: ten 20-digit values, separators and the label fit in 256.
    static let bytesPerCPULine = 256

    /// Opens the files for the calling thread.
    public convenience init() throws {
        try self.init(threadID: perfv_gettid())
    }

    /// Opens /proc/stat and the schedstat of thread `threadID` of this process.
    public convenience init(threadID: Int32) throws {
        try self.init(threadID: threadID, procStatPath: ProcStatParser.path)
    }

    /// Reads steal from `procStatPath` instead of /proc/stat: tests feed it crafted content.
    init(threadID: Int32, procStatPath: String) throws {
        self.threadID = threadID
        self.procStatPath = procStatPath
        schedStatPath = "/proc/self/task/\(threadID)/schedstat"
        userHZ = try UserHZ.ticksPerSecond()
        let configured = sysconf(Int32(_SC_NPROCESSORS_CONF))
        guard configured > 0 else {
            throw PerfVError.systemCall(.lastError(of: "sysconf(_SC_NPROCESSORS_CONF)"))
        }
        cpuCapacity = configured
        do {
            procStat = try FileDescriptor(opening: procStatPath, O_RDONLY)
            schedStat = try FileDescriptor(opening: schedStatPath, O_RDONLY)
        } catch {
            throw PerfVError.systemCall(error)
        }
        procStatBuffer = .allocate(byteCount: (configured + 2) * Self.bytesPerCPULine, alignment: 1)
        schedStatBuffer = .allocate(byteCount: 256, alignment: 1)
        perCPUStealTicks = .allocate(capacity: configured)
        perCPUStealTicks.initialize(repeating: ProcStatParser.absent)
    }

    deinit {
        procStatBuffer.deallocate()
        schedStatBuffer.deallocate()
        perCPUStealTicks.deallocate()
    }

    // MARK: schedstat

    /// The thread's scheduler statistics (one pread of its schedstat file).
    public func readSchedStat() throws -> SchedStat {
        let count = try read(schedStat, path: schedStatPath, into: schedStatBuffer)
        guard count < schedStatBuffer.count else {
            throw PerfVError.malformedFile(path: schedStatPath, reason: "longer than \(schedStatBuffer.count - 1) bytes")
        }
        return try SchedStat.parse(UnsafeRawBufferPointer(rebasing: schedStatBuffer[..<count]), path: schedStatPath)
    }

    /// The thread's run delay since it started: ns it was runnable but waiting for a CPU.
    public func readRunDelayNanoseconds() throws -> Int64 {
        try readSchedStat().runDelayNanoseconds
    }

    // MARK: /proc/stat

    /// Steal of all CPUs since boot, in ns (aggregate `cpu` line; USER_HZ granularity).
    public func readSystemStealNanoseconds() throws -> Int64 {
        try nanoseconds(ticks: readProcStat(into: perCPUStealTicks))
    }

    /// Steal of CPU `cpu` since boot, in ns; `nil` when /proc/stat has no line for it
    /// (offline CPU, or a number beyond ``cpuCapacity``).
    public func readStealNanoseconds(cpu: Int) throws -> Int64? {
        _ = try readProcStat(into: perCPUStealTicks)
        guard perCPUStealTicks.indices.contains(cpu), perCPUStealTicks[cpu] != ProcStatParser.absent else { return nil }
        return try nanoseconds(ticks: perCPUStealTicks[cpu])
    }

    /// Steal of every CPU since boot, in ns, indexed by CPU number (allocates the array).
    public func readPerCPUStealNanoseconds() throws -> [Int64?] {
        _ = try readProcStat(into: perCPUStealTicks)
        return try perCPUStealTicks.map { $0 == ProcStatParser.absent ? nil : try nanoseconds(ticks: $0) }
    }

    /// One pread of /proc/stat parsed into `perCPU` (``cpuCapacity`` entries, USER_HZ
    /// ticks, `ProcStatParser.absent` for CPUs without a line); returns the aggregate
    /// steal ticks. Allocates nothing.
    func readProcStat(into perCPU: UnsafeMutableBufferPointer<Int64>) throws -> Int64 {
        let count = try read(procStat, path: procStatPath, into: procStatBuffer)
        let (aggregate, sawNextLine) = try ProcStatParser.parse(
            UnsafeRawBufferPointer(rebasing: procStatBuffer[..<count]), perCPUStealTicks: perCPU)
        if count == procStatBuffer.count, !sawNextLine {
            throw PerfVError.malformedFile(
                path: ProcStatParser.path,
                reason: "the cpu lines do not fit in \(count) bytes for \(cpuCapacity) CPUs")
        }
        return aggregate
    }

    /// `ticks` of USER_HZ in ns; throws when the value cannot be represented.
    func nanoseconds(ticks: Int64) throws -> Int64 {
        guard let value = UserHZ.nanoseconds(ticks: ticks, ticksPerSecond: userHZ) else {
            throw PerfVError.malformedFile(
                path: ProcStatParser.path, reason: "steal of \(ticks) ticks overflows 64-bit nanoseconds")
        }
        return value
    }

    private func read(_ file: borrowing FileDescriptor, path: String, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        do {
            return try file.read(into: buffer, atOffset: 0)
        } catch {
            throw PerfVError.systemCall(error.about(path))
        }
    }
}
