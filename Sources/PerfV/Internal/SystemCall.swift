#if canImport(Glibc)
import Glibc
#endif

/// The one place PerfV turns a C call's `-1`/`errno` convention into a thrown `PerfVError`.
enum SystemCall {
    /// Calls `body` until it returns something other than `-1` with `errno == EINTR`.
    ///
    /// A signal that lands during a blocking call makes it fail with EINTR although
    /// nothing went wrong; the call is simply repeated. Any other failure throws
    /// `PerfVError.systemCall` naming `call` (the C function, e.g. `"pread"`).
    @inline(__always)
    static func retryingOnInterrupt<Result: FixedWidthInteger>(
        _ call: @autoclosure () -> String,
        _ body: () -> Result
    ) throws -> Result {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            if code != EINTR { throw PerfVError.systemCall(call: call(), errno: code) }
        }
    }
}
