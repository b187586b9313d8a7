#if canImport(Glibc)
import Glibc
#endif

/// Times a batch of calls with CLOCK_MONOTONIC around the whole batch and returns the
/// cost of one call; results feed `BatchTimer.sink` so the optimizer keeps every call.
enum BatchTimer {
    /// Where every batch's results end up (read once at exit).
    nonisolated(unsafe) static var sink: Int64 = 0

    /// Nanoseconds per call of `body`, over `iterations` calls.
    @inline(__always)
    static func nanosecondsPerCall(iterations: Int, _ body: () -> Int64) -> Double {
        var accumulated: Int64 = 0
        let start = monotonicNanoseconds()
        for _ in 0..<iterations { accumulated &+= body() }
        let elapsed = monotonicNanoseconds() - start
        sink &+= accumulated
        return Double(elapsed) / Double(iterations)
    }

    /// Same, for a body that can throw (the first error ends the batch).
    @inline(__always)
    static func nanosecondsPerCall(iterations: Int, throwing body: () throws -> Int64) throws -> Double {
        var accumulated: Int64 = 0
        let start = monotonicNanoseconds()
        for _ in 0..<iterations { accumulated &+= try body() }
        let elapsed = monotonicNanoseconds() - start
        sink &+= accumulated
        return Double(elapsed) / Double(iterations)
    }

    /// clock_gettime(CLOCK_MONOTONIC) in ns: the harness's own stopwatch.
    @inline(__always)
    static func monotonicNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) &* 1_000_000_000 &+ Int64(now.tv_nsec)
    }
}
