import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// A file the I/O runs write and read, made with mkstemp(3) in a directory and
/// unlinked at once: it is unique to its run, and no exit — Ctrl-C, SIGKILL, a
/// crash — leaves it behind. The VMM opens it through ``devicePath``.
public final class ScratchFile {
    /// Where the file was made, for messages (the name no longer exists).
    public let path: String
    private let descriptor: FileDescriptor

    /// Makes, opens read/write and unlinks `directory/.perfv-scratch-XXXXXX`.
    public init(in directory: String) throws {
        var name = "\(directory)/.perfv-scratch-XXXXXX"
        descriptor = try SweepError.reporting { () throws(SystemCallError) in try FileDescriptor(creatingUniqueFileFrom: &name) }
        path = name
        unlink(path)
    }

    /// A path that opens this file while it is open here (the VMM's block device).
    public var devicePath: String { "/proc/self/fd/\(descriptor.rawValue)" }

    /// pwrite(2) of all of `buffer` at `offset`.
    func write(_ buffer: UnsafeRawBufferPointer, at offset: Int) throws {
        let done = try SweepError.reporting(path) { () throws(SystemCallError) in try descriptor.write(buffer, atOffset: Int64(offset)) }
        if done != buffer.count { throw SweepError.shortTransfer(call: "pwrite", path: path, expected: buffer.count, got: done) }
    }

    /// pread(2) of `buffer.count` bytes at `offset`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws {
        let done = try SweepError.reporting(path) { () throws(SystemCallError) in try descriptor.read(into: buffer, atOffset: Int64(offset)) }
        if done != buffer.count { throw SweepError.shortTransfer(call: "pread", path: path, expected: buffer.count, got: done) }
    }

    /// ftruncate(2): sets the file's size (the guest's block device needs its full extent).
    public func resize(to bytes: Int) throws {
        try SweepError.reporting(path) { () throws(SystemCallError) in try descriptor.resize(to: Int64(bytes)) }
    }
}
