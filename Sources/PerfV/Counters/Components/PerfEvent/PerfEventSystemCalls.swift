#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// The raw system calls of the perf_event component, in one place.
/// Each returns the result or the errno; callers turn errno into a ``CounterError``.
enum PerfEventSystemCalls {
    /// perf_event_open(2) for the calling thread on any CPU (pid 0, cpu -1),
    /// close-on-exec so a spawned child does not inherit the counter.
    static func open(_ attr: inout perf_event_attr, groupLeader: Int32) -> Result<Int32, PerfEventErrno> {
        repeating {
            perfv_perf_event_open(&attr, 0, -1, groupLeader, UInt(PERF_FLAG_FD_CLOEXEC))
        }.map { Int32($0) }
    }

    /// ioctl(2) with PERF_IOC_FLAG_GROUP: applies `request` to the leader and its group.
    static func groupIoctl(_ fd: Int32, _ request: UInt) -> Result<Void, PerfEventErrno> {
        repeating { perfv_ioctl_int(fd, request, UInt(PERF_IOC_FLAG_GROUP.rawValue)) }.map { _ in () }
    }

    /// read(2) of a counter fd into `buffer`; returns the byte count.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, PerfEventErrno> {
        repeating { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    /// close(2). Not retried on EINTR: Linux releases the fd even then.
    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// The text of a small kernel file such as /proc/sys/kernel/perf_event_paranoid,
    /// or nil when it cannot be read. Not for hot paths: it opens the file.
    static func contents(ofSmallFile path: String) -> String? {
        let fd = path.withCString { Glibc.open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        defer { _ = Glibc.close(fd) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { buffer in
            repeating { Glibc.read(fd, buffer.baseAddress, buffer.count) }
        }
        guard case let .success(length) = count else { return nil }
        return String(decoding: bytes[..<length], as: UTF8.self)
    }

    /// The entries of a directory (without "." and ".."), or nil when it cannot be opened.
    static func entries(ofDirectory path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Calls `body` until it does not fail with EINTR.
    private static func repeating<T: BinaryInteger>(_ body: () -> T) -> Result<Int, PerfEventErrno> {
        while true {
            let result = body()
            if result >= 0 { return .success(Int(result)) }
            if errno != EINTR { return .failure(PerfEventErrno(errno)) }
        }
    }
}
