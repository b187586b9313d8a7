#if canImport(Glibc)
import Glibc
#endif

/// The package's one loop that repeats a system call interrupted by a signal, and
/// the calls that are not about a file descriptor.
package enum SystemCall {
    /// Calls `body` until it returns something other than `-1` with errno EINTR.
    ///
    /// A signal that lands during a blocking call makes it fail with EINTR although
    /// nothing went wrong; the call is simply repeated. Any other failure throws
    /// a ``SystemCallError`` naming `call` (the C function, e.g. `"pread"`), with the
    /// errno read right after the call. `call` is only evaluated on failure, so a
    /// successful call allocates nothing.
    @inline(__always)
    package static func retryingOnInterrupt<Result: FixedWidthInteger>(
        _ call: @autoclosure () -> String,
        _ body: () -> Result
    ) throws(SystemCallError) -> Result {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            if code != EINTR { throw SystemCallError(call: call(), errno: code) }
        }
    }

    /// Checks a call that returns its error number instead of setting errno
    /// (the pthread functions): 0 is success, anything else is the errno.
    @inline(__always)
    package static func checkingReturnedError(_ call: @autoclosure () -> String, _ result: Int32) throws(SystemCallError) {
        if result != 0 { throw SystemCallError(call: call(), errno: result) }
    }

    /// Sleeps `nanoseconds` with nanosleep(2). On a signal nanosleep leaves the time
    /// not yet slept in its second argument; passing the same timespec for both makes
    /// the retry sleep just that remainder.
    package static func sleep(nanoseconds: Int64) {
        var remaining = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        // Fails otherwise only on an invalid timespec, which this one is not.
        _ = try? retryingOnInterrupt("nanosleep") {
            withUnsafeMutablePointer(to: &remaining) { nanosleep($0, $0) }
        }
    }
}
