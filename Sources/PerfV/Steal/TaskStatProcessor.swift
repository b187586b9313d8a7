/// The `processor` field of /proc/<pid>/task/<tid>/stat: the CPU a thread last ran on,
/// which is how a reader learns another thread's CPU (sched_getcpu only knows its own).
enum TaskStatProcessor {
    /// `processor` is field 39 of the line; fields from 3 on follow the last ')'
    /// (the command name in parentheses may itself hold blanks and parentheses).
    static let fieldsBeforeProcessorAfterName = 39 - 3

    /// Parses the CPU number out of stat content without allocating (except to build an error).
    ///
    /// - Throws: `PerfVError.malformedFile` when there is no ')' or the line ends before field 39.
    static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws -> Int32 {
        guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else {
            throw PerfVError.malformedFile(path: path, reason: "no ')' closing the command name")
        }
        var cursor = TextCursor(UnsafeRawBufferPointer(rebasing: bytes[(close + 1)...]))
        for field in 0..<fieldsBeforeProcessorAfterName {
            cursor.skipBlanks()
            guard !cursor.isAtEnd, cursor.current != UInt8(ascii: "\n") else {
                throw PerfVError.malformedFile(path: path, reason: "the line ends at field \(field + 3), before 'processor' (39)")
            }
            while !cursor.isAtEnd, cursor.current != UInt8(ascii: " "), cursor.current != UInt8(ascii: "\n") {
                cursor.advance()
            }
        }
        cursor.skipBlanks()
        switch cursor.readUnsignedDecimal() {
        case let .success(cpu) where cpu <= Int64(Int32.max): return Int32(cpu)
        case .success: throw PerfVError.malformedFile(path: path, reason: "'processor' is beyond any CPU number")
        case let .failure(problem): throw PerfVError.malformedFile(path: path, reason: problem.reason(field: "processor"))
        }
    }
}
