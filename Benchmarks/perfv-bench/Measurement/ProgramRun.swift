import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// One run of a program from posix_spawn to its exit: the wall time and the child's
/// peak resident memory (wait4's rusage), without a shell or Foundation's Process in between.
struct ProgramRun {
    var nanoseconds: Double
    var peakResidentBytes: Double

    /// Runs `path` with no arguments in this process's environment; it must exit with 0.
    static func run(_ path: String) throws -> ProgramRun {
        var pid: pid_t = 0
        let start = BatchTimer.monotonicNanoseconds()
        let spawned = path.withCString { program in
            var arguments: [UnsafeMutablePointer<CChar>?] = [strdup(program), nil]
            defer { free(arguments[0]) }
            return posix_spawn(&pid, program, nil, nil, &arguments, environ)
        }
        var status: Int32 = 0
        var usage = rusage()
        do {
            try SystemCall.checkingReturnedError("posix_spawn(\(path))", spawned)
            _ = try SystemCall.retryingOnInterrupt("wait4") { wait4(pid, &status, 0, &usage) }
        } catch {
            throw BenchmarkError.systemCall(error)
        }
        let end = BatchTimer.monotonicNanoseconds()
        guard status == 0 else { throw BenchmarkError.unavailable("\(path) ended with wait status \(status)") }
        return ProgramRun(nanoseconds: Double(end - start), peakResidentBytes: Double(usage.ru_maxrss) * 1024)
    }
}
