#if canImport(Glibc)
import Glibc
#endif

/// A file the I/O runs write and read, made with mkstemp(3) in a directory and
/// unlinked at once: it is unique to its run, and no exit — Ctrl-C, SIGKILL, a
/// crash — leaves it behind. The VMM opens it through ``devicePath``. The one
/// place the sweep makes raw file system calls; each retries on EINTR and throws ``SweepError``.
public final class ScratchFile {
    /// Where the file was made, for messages (the name no longer exists).
    public let path: String
    private let descriptor: Int32

    /// Makes, opens read/write and unlinks `directory/.perfv-scratch-XXXXXX`.
    public init(in directory: String) throws {
        var template = Array("\(directory)/.perfv-scratch-XXXXXX".utf8CString)
        let fd = try Self.retrying("mkstemp", directory) { template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) } }
        path = String(cString: template)
        descriptor = fd
        unlink(path)
        // Not inherited by child processes (the sweep's hog, perf helpers).
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    deinit {
        close(descriptor)
    }

    /// A path that opens this file while it is open here (the VMM's block device).
    public var devicePath: String { "/proc/self/fd/\(descriptor)" }

    /// pwrite(2) of all of `buffer` at `offset`.
    func write(_ buffer: UnsafeRawBufferPointer, at offset: Int) throws {
        let done = try Self.retrying("pwrite", path) { pwrite(descriptor, buffer.baseAddress, buffer.count, off_t(offset)) }
        if done != buffer.count { throw SweepError.shortTransfer(call: "pwrite", path: path, expected: buffer.count, got: done) }
    }

    /// pread(2) of `buffer.count` bytes at `offset`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws {
        let done = try Self.retrying("pread", path) { pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset)) }
        if done != buffer.count { throw SweepError.shortTransfer(call: "pread", path: path, expected: buffer.count, got: done) }
    }

    /// ftruncate(2): sets the file's size (the guest's block device needs its full extent).
    public func resize(to bytes: Int) throws {
        _ = try Self.retrying("ftruncate", path) { ftruncate(descriptor, off_t(bytes)) }
    }

    private static func retrying<Result: FixedWidthInteger>(_ call: String, _ path: String, _ body: () -> Result) throws -> Result {
        while true {
            let result = body()
            if result != -1 { return result }
            // errno right after the failing call, before anything else can change it.
            let error = errno
            if error != EINTR { throw SweepError.systemCall(call: call, path: path, errno: error) }
        }
    }
}
