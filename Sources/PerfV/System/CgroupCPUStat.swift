/// The CFS bandwidth counters of a cgroup's `cpu.stat`, running totals since the
/// group was made (Documentation/scheduler/sched-bwc.rst, admin-guide/cgroup-v2.rst):
///
///     nr_periods 12           enforcement periods in which the group had runnable tasks
///     nr_throttled 4          periods in which it ran out of quota
///     throttled_time 1234567  v1: ns its per-CPU run queues spent throttled
///     throttled_usec 1234     v2: the same in µs
///
/// Other lines (usage_usec, nr_bursts, burst_time…) are skipped: kernels add them.
public struct CgroupCPUStat: Sendable, Equatable, Codable {
    public var periods: Int64
    public var throttledPeriods: Int64
    /// Summed over the group's per-CPU run queues, so up to N × wall on N CPUs.
    public var throttledNanoseconds: Int64

    public init(periods: Int64, throttledPeriods: Int64, throttledNanoseconds: Int64) {
        self.periods = periods
        self.throttledPeriods = throttledPeriods
        self.throttledNanoseconds = throttledNanoseconds
    }

    /// Parses cpu.stat text of a cgroup `version` (1 or 2); errors name `path`.
    public static func parse(_ text: String, version: Int, path: String) throws -> CgroupCPUStat {
        var text = text
        return try text.withUTF8 { try parse(UnsafeRawBufferPointer($0), version: version, path: path) }
    }

    /// Parses raw bytes without allocating (except to build an error).
    static func parse(_ bytes: UnsafeRawBufferPointer, version: Int, path: String) throws -> CgroupCPUStat {
        guard !bytes.isEmpty else { throw PerfVError.malformedFile(path: path, reason: "the file is empty") }
        let throttledKey: StaticString = version == 1 ? "throttled_time" : "throttled_usec"
        var periods: Int64?, throttledPeriods: Int64?, throttled: Int64?
        var cursor = TextCursor(bytes)
        while !cursor.isAtEnd {
            if startsLine(&cursor, with: "nr_periods") {
                try readValue(&cursor, into: &periods, key: "nr_periods", path: path)
            } else if startsLine(&cursor, with: "nr_throttled") {
                try readValue(&cursor, into: &throttledPeriods, key: "nr_throttled", path: path)
            } else if startsLine(&cursor, with: throttledKey) {
                try readValue(&cursor, into: &throttled, key: throttledKey, path: path)
            } else {
                cursor.skipLine()
            }
        }
        guard let periods, let throttledPeriods, let throttled else {
            let missing = [("nr_periods", periods), ("nr_throttled", throttledPeriods), ("\(throttledKey)", throttled)]
                .filter { $0.1 == nil }.map(\.0)
            throw PerfVError.malformedFile(
                path: path, reason: "no \(missing.joined(separator: ", ")) line: not the cpu.stat of a cgroup v\(version) "
                    + "group with the cpu controller and CFS bandwidth control")
        }
        guard version == 2 else {
            return CgroupCPUStat(periods: periods, throttledPeriods: throttledPeriods, throttledNanoseconds: throttled)
        }
        let (nanoseconds, overflow) = throttled.multipliedReportingOverflow(by: 1000)
        guard !overflow else {
            throw PerfVError.malformedFile(path: path, reason: "throttled_usec \(throttled) overflows 64-bit nanoseconds")
        }
        return CgroupCPUStat(periods: periods, throttledPeriods: throttledPeriods, throttledNanoseconds: nanoseconds)
    }

    /// Moves past `key` and its blank when the line starts with both (the blank keeps a
    /// longer key such as nr_throttled_x from matching); otherwise does not move.
    private static func startsLine(_ cursor: inout TextCursor, with key: StaticString) -> Bool {
        var probe = cursor
        guard probe.skip(key), probe.skip(" ") else { return false }
        cursor = probe
        return true
    }

    /// Reads the value after a key through its newline into `slot`, which must still be empty.
    private static func readValue(_ cursor: inout TextCursor, into slot: inout Int64?, key: StaticString, path: String) throws {
        guard slot == nil else { throw PerfVError.malformedFile(path: path, reason: "\(key) appears twice") }
        switch cursor.readUnsignedDecimal() {
        case let .success(value): slot = value
        case let .failure(problem): throw PerfVError.malformedFile(path: path, reason: problem.reason(field: "the value of \(key)"))
        }
        guard !cursor.isAtEnd, cursor.current == UInt8(ascii: "\n") else {
            throw PerfVError.malformedFile(path: path, reason: "the \(key) line does not end after its value (cut off, or more text)")
        }
        cursor.advance()
    }
}
