#if canImport(Glibc)
import Glibc
#endif

/// An errno from a perf_event system call.
struct PerfEventErrno: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }

    /// The errno's symbolic name for messages, e.g. "ENOENT".
    var name: String {
        switch code {
        case ENOENT: return "ENOENT"
        case EOPNOTSUPP: return "EOPNOTSUPP"
        case ENODEV: return "ENODEV"
        case EACCES: return "EACCES"
        case EPERM: return "EPERM"
        case EINVAL: return "EINVAL"
        case EMFILE: return "EMFILE"
        case ENOSYS: return "ENOSYS"
        case E2BIG: return "E2BIG"
        default: return "errno \(code)"
        }
    }
}
