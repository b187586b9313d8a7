import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// One run of a program from posix_spawn to its exit, without a shell or Foundation's
/// Process in between.
enum ProgramRun {
    /// Runs `path` with no arguments in this process's environment; returns the ns from
    /// spawning it to reaping it. It must exit with 0.
    static func nanoseconds(_ path: String) throws -> Double {
        var pid: pid_t = 0
        let start = BatchTimer.monotonicNanoseconds()
        let spawned = path.withCString { program in
            var arguments: [UnsafeMutablePointer<CChar>?] = [strdup(program), nil]
            defer { free(arguments[0]) }
            return posix_spawn(&pid, program, nil, nil, &arguments, environ)
        }
        var status: Int32 = 0
        do {
            try SystemCall.checkingReturnedError("posix_spawn(\(path))", spawned)
            _ = try SystemCall.retryingOnInterrupt("waitpid") { waitpid(pid, &status, 0) }
        } catch {
            throw BenchmarkError.systemCall(error)
        }
        let end = BatchTimer.monotonicNanoseconds()
        guard status == 0 else { throw BenchmarkError.unavailable("\(path) ended with wait status \(status)") }
        return Double(end - start)
    }
}
