/// One thread's scheduler statistics from /proc/<pid>/task/<tid>/schedstat.
///
/// The kernel (fs/proc/base.c, proc_pid_schedstat) prints three numbers:
///
///     <on-CPU ns> <run delay ns> <timeslices>
///
/// Run delay is the time the thread was runnable but waiting for a CPU. It is kept
/// by CONFIG_SCHED_INFO, which CONFIG_SCHEDSTATS or CONFIG_TASK_DELAY_ACCT select.
public struct SchedStat: Equatable, Sendable {
    /// Time the thread ran on a CPU, in ns (`se.sum_exec_runtime`; from the scheduler's
    /// task clock, which excludes hypervisor steal when the kernel has
    /// CONFIG_PARAVIRT_TIME_ACCOUNTING).
    public var onCPUNanoseconds: Int64
    /// Time the thread was runnable but not running, in ns (`sched_info.run_delay`).
    public var runDelayNanoseconds: Int64
    /// Number of times the thread was given a CPU (`sched_info.pcount`).
    public var timeslices: Int64

    public init(onCPUNanoseconds: Int64, runDelayNanoseconds: Int64, timeslices: Int64) {
        self.onCPUNanoseconds = onCPUNanoseconds
        self.runDelayNanoseconds = runDelayNanoseconds
        self.timeslices = timeslices
    }

    static let fieldNames = ["on-CPU ns", "run delay ns", "timeslices"]

    /// Parses schedstat content: exactly three unsigned numbers on one newline-ended line.
    ///
    /// - Parameter path: named in the error, so a caller reading another thread's
    ///   file gets a message about that file.
    /// - Throws: `PerfVError.malformedFile` for empty, cut-off, missing, extra,
    ///   non-numeric, negative or overflowing fields.
    public static func parse(_ text: String, path: String = "/proc/thread-self/schedstat") throws -> SchedStat {
        var text = text
        return try text.withUTF8 { try parse(UnsafeRawBufferPointer($0), path: path) }
    }

    /// Parses raw bytes without allocating (except to build an error).
    static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws -> SchedStat {
        guard !bytes.isEmpty else { throw PerfVError.malformedFile(path: path, reason: "the file is empty") }
        var cursor = TextCursor(bytes)
        var fields: (Int64, Int64, Int64) = (0, 0, 0)
        for index in 0..<3 {
            cursor.skipBlanks()
            if cursor.isAtEnd || cursor.current == UInt8(ascii: "\n") {
                throw PerfVError.malformedFile(
                    path: path,
                    reason: "found \(index) of 3 values (on-CPU ns, run delay ns, timeslices); "
                        + "\(fieldNames[index]) is missing")
            }
            switch cursor.readUnsignedDecimal() {
            case let .success(value):
                switch index {
                case 0: fields.0 = value
                case 1: fields.1 = value
                default: fields.2 = value
                }
            case let .failure(problem):
                throw PerfVError.malformedFile(path: path, reason: problem.reason(field: fieldNames[index]))
            }
        }
        cursor.skipBlanks()
        if cursor.isAtEnd {
            throw PerfVError.malformedFile(path: path, reason: "the line is cut off (no newline at its end)")
        }
        guard cursor.current == UInt8(ascii: "\n") else {
            throw PerfVError.malformedFile(
                path: path, reason: "unexpected text after the 3 values: '\(cursor.line(from: cursor.position))'")
        }
        cursor.advance()
        guard cursor.isAtEnd else {
            throw PerfVError.malformedFile(
                path: path, reason: "unexpected text after the line: '\(cursor.line(from: cursor.position))'")
        }
        return SchedStat(onCPUNanoseconds: fields.0, runDelayNanoseconds: fields.1, timeslices: fields.2)
    }
}
