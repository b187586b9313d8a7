#if canImport(Glibc)
import Glibc
#endif

/// A file the I/O runs write and read, removed when released. The one place Report
/// makes raw file system calls; each retries on EINTR and throws ``SweepError``.
final class ScratchFile {
    let path: String
    private let descriptor: Int32

    /// open(2)s `path` read/write, creating or truncating it.
    init(path: String) throws {
        self.path = path
        let fd = try Self.retrying("open", path) { open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        descriptor = fd
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

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
    func resize(to bytes: Int) throws {
        _ = try Self.retrying("ftruncate", path) { ftruncate(descriptor, off_t(bytes)) }
    }

    private static func retrying<Result: FixedWidthInteger>(_ call: String, _ path: String, _ body: () -> Result) throws -> Result {
        while true {
            let result = body()
            if result != -1 { return result }
            if errno != EINTR { throw SweepError.systemCall(call: call, path: path, errno: errno) }
        }
    }
}
