#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// The system calls of the perf_event component, in one place. They retry on
/// EINTR through ``SystemCall`` and throw `PerfVError.systemCall` with the errno,
/// which the callers turn into a ``CounterError`` naming the event.
enum PerfEventSystemCalls {
    /// perf_event_open(2) for the calling thread on any CPU (pid 0, cpu -1),
    /// close-on-exec so a spawned child does not inherit the counter.
    static func open(_ attr: inout perf_event_attr, groupLeader: Int32) throws -> Int32 {
        try SystemCall.retryingOnInterrupt("perf_event_open") {
            perfv_perf_event_open(&attr, 0, -1, groupLeader, UInt(PERF_FLAG_FD_CLOEXEC))
        }
    }

    /// ioctl(2) with PERF_IOC_FLAG_GROUP: applies `request` to the leader and its group.
    static func groupIoctl(_ fd: Int32, _ request: UInt, call: @autoclosure () -> String) throws {
        _ = try SystemCall.retryingOnInterrupt(call()) {
            perfv_ioctl_int(fd, request, UInt(PERF_IOC_FLAG_GROUP.rawValue))
        }
    }

    /// read(2) of a counter fd into `buffer`; returns the byte count.
    @inline(__always)
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try SystemCall.retryingOnInterrupt("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    /// close(2). Not retried on EINTR: Linux releases the fd even then.
    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// The text of a small kernel file such as /proc/sys/kernel/perf_event_paranoid,
    /// or nil when it cannot be read. Not for hot paths: it opens the file.
    static func contents(ofSmallFile path: String) -> String? {
        guard let file = try? FileDescriptor(openingForReading: path) else { return nil }
        var bytes = [UInt8](repeating: 0, count: 4096)
        guard let count = try? bytes.withUnsafeMutableBytes({ try file.read(into: $0) }) else { return nil }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }

    /// The entries of a directory (without "." and ".."), sorted, or nil when it cannot be opened.
    static func entries(ofDirectory path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The symbolic name of an errno perf_event_open returns, e.g. "ENOENT".
    static func name(ofErrno code: Int32) -> String {
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
