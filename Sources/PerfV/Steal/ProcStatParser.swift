/// Reads the steal column of the `cpu` and `cpuN` lines at the top of /proc/stat.
///
/// The kernel (fs/proc/stat.c) prints one aggregate line, then one line per online CPU:
///
///     cpu  user nice system idle iowait irq softirq steal guest guest_nice
///     cpu0 …
///
/// in USER_HZ ticks. Steal is the 8th value (Linux ≥ 2.6.11). The parser works on
/// raw bytes into a caller-owned buffer so ``StealReader`` can run it on every
/// region boundary without allocating; ``ProcStatSteal/parse(_:cpuCapacity:)`` is
/// the allocating, String-based front end.
enum ProcStatParser {
    static let path = "/proc/stat"
    /// Steal's position (1-based) among the values of a cpu line.
    static let stealColumn = 8
    /// Marks a CPU that has no line (offline or absent) in the per-CPU buffer.
    static let absent: Int64 = -1

    /// Parses the cpu lines of `bytes`, writing each CPU's steal ticks to
    /// `perCPUStealTicks[cpu]` and ``absent`` for CPUs without a line.
    ///
    /// - Returns: the aggregate line's steal ticks, and whether a non-cpu line
    ///   followed the cpu lines (proof that none were cut off by a short buffer).
    /// - Throws: `PerfVError.malformedFile` naming what is wrong.
    static func parse(
        _ bytes: UnsafeRawBufferPointer,
        perCPUStealTicks: UnsafeMutableBufferPointer<Int64>
    ) throws -> (allCPUsStealTicks: Int64, sawLineAfterCPULines: Bool) {
        for index in perCPUStealTicks.indices { perCPUStealTicks[index] = absent }
        guard !bytes.isEmpty else { throw malformed("the file is empty") }

        var cursor = TextCursor(bytes)
        var aggregate: Int64?
        while !cursor.isAtEnd {
            let lineStart = cursor.position
            guard cursor.hasPrefix("cpu") else {
                guard let aggregate else {
                    throw malformed("expected the aggregate 'cpu' line first, found '\(cursor.line(from: lineStart))'")
                }
                return (aggregate, true)
            }
            for _ in 0..<3 { cursor.advance() }

            // "cpu" followed by a blank is the aggregate line, "cpuN" a single CPU.
            var cpu: Int?
            if !cursor.isAtEnd, cursor.current != UInt8(ascii: " ") {
                guard case let .success(number) = cursor.readUnsignedDecimal() else {
                    throw malformed("line '\(cursor.line(from: lineStart))' does not name a CPU ('cpu' or 'cpuN')")
                }
                guard number < perCPUStealTicks.count else {
                    throw malformed("line 'cpu\(number)' names a CPU beyond the \(perCPUStealTicks.count) CPUs this machine can have")
                }
                cpu = Int(number)
            }
            if cpu == nil, aggregate != nil || lineStart != 0 {
                throw malformed("the aggregate 'cpu' line must come first and only once")
            }
            if cpu != nil, aggregate == nil {
                throw malformed("line '\(label(cpu))' comes before the aggregate 'cpu' line")
            }

            let steal = try readSteal(&cursor, cpu: cpu)
            if let cpu {
                guard perCPUStealTicks[cpu] == absent else { throw malformed("line '\(label(cpu))' appears twice") }
                perCPUStealTicks[cpu] = steal
            } else {
                aggregate = steal
            }
        }
        guard let aggregate else { throw malformed("the file has no aggregate 'cpu' line") }
        return (aggregate, false)
    }

    /// Reads the values of one cpu line through its newline and returns the steal value.
    private static func readSteal(_ cursor: inout TextCursor, cpu: Int?) throws -> Int64 {
        var count = 0
        var steal: Int64 = 0
        while true {
            cursor.skipBlanks()
            if cursor.isAtEnd {
                throw malformed("line '\(label(cpu))' is cut off after \(count) values (no newline at its end)")
            }
            if cursor.current == UInt8(ascii: "\n") {
                cursor.advance()
                break
            }
            switch cursor.readUnsignedDecimal() {
            case let .success(value):
                count += 1
                if count == stealColumn { steal = value }
            case let .failure(problem):
                throw malformed(problem.reason(field: "value \(count + 1) of line '\(label(cpu))'"))
            }
        }
        guard count >= stealColumn else {
            throw malformed(
                "line '\(label(cpu))' has \(count) values; steal is value \(stealColumn) "
                    + "(the kernel writes it since Linux 2.6.11)")
        }
        return steal
    }

    /// A line's label, built only for error messages so the parse itself allocates nothing.
    private static func label(_ cpu: Int?) -> String {
        cpu.map { "cpu\($0)" } ?? "cpu"
    }

    private static func malformed(_ reason: String) -> PerfVError {
        .malformedFile(path: path, reason: reason)
    }
}
