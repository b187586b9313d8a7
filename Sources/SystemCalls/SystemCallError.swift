#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which call (with its subject, e.g. `"open(/proc/stat)"`) and
/// the errno it left. The one errno-carrying error of the package; each module's
/// error enum wraps it.
public struct SystemCallError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The C call and what it was about, e.g. `"pread(/proc/self/schedstat)"` or `"KVM_RUN"`.
    public var call: String
    /// The errno the call left.
    public var errno: Int32

    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// The error of the call that has just failed. errno is read before `call` is
    /// evaluated: building the name can allocate, and malloc may change errno.
    @inline(__always)
    package static func lastError(of call: @autoclosure () -> String) -> SystemCallError {
        let code = Glibc.errno
        return SystemCallError(call: call(), errno: code)
    }

    /// The same failure with `subject` (a path, an event) added to the call: `"pread"` becomes `"pread(/proc/stat)"`.
    package func about(_ subject: String) -> SystemCallError {
        SystemCallError(call: "\(call)(\(subject))", errno: errno)
    }

    /// "<call> failed: <strerror> (<ERRNO NAME>, errno N)".
    public var description: String {
        describing(call)
    }

    /// The description with `call` written as `subject` (e.g. "read for instructions").
    package func describing(_ subject: String) -> String {
        "\(subject) failed: \(String(cString: strerror(errno))) (\(ErrnoName.name(of: errno)), errno \(errno))"
    }
}
