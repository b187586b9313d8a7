#if canImport(Glibc)
import Glibc
#endif

/// The symbolic names of the errno values PerfV reports and records (probes.json
/// stores them by name, so a capture reads the same on any machine).
package enum ErrnoName {
    private static let table: [(code: Int32, name: String)] = [
        (EPERM, "EPERM"), (ENOENT, "ENOENT"), (ESRCH, "ESRCH"), (EINTR, "EINTR"), (EIO, "EIO"),
        (ENXIO, "ENXIO"), (E2BIG, "E2BIG"), (EBADF, "EBADF"), (EAGAIN, "EAGAIN"), (ENOMEM, "ENOMEM"),
        (EACCES, "EACCES"), (EFAULT, "EFAULT"), (EBUSY, "EBUSY"), (EEXIST, "EEXIST"), (ENODEV, "ENODEV"),
        (ENOTDIR, "ENOTDIR"), (EISDIR, "EISDIR"), (EINVAL, "EINVAL"), (ENFILE, "ENFILE"), (EMFILE, "EMFILE"),
        (ENOTTY, "ENOTTY"), (EFBIG, "EFBIG"), (ENOSPC, "ENOSPC"), (ESPIPE, "ESPIPE"), (EROFS, "EROFS"),
        (EPIPE, "EPIPE"), (ERANGE, "ERANGE"), (ENOSYS, "ENOSYS"), (EOPNOTSUPP, "EOPNOTSUPP"),
        (ETIMEDOUT, "ETIMEDOUT"),
    ]

    /// "ENOENT" for ENOENT; "errno N" for a value not in the table.
    package static func name(of code: Int32) -> String {
        table.first { $0.code == code }?.name ?? "errno \(code)"
    }

    /// The errno named `name`; nil for a name not in the table.
    package static func code(named name: String) -> Int32? {
        table.first { $0.name == name }?.code
    }
}
