import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// A sysfs file holding one counter as an unsigned decimal and a newline
/// (/sys/class/net/<if>/statistics/*, InfiniBand port counters), opened once and
/// re-read with one pread(2) at offset 0: sysfs generates the text again on every
/// read from offset 0. A read allocates nothing.
final class SysfsCounterFile {
    /// The file's path as on a live system, for messages.
    let path: String
    private let descriptor: FileDescriptor

    /// Longest text accepted: the 20 digits of a 64-bit value, a newline, and room to
    /// quote what a driver wrote instead.
    static let limit = 64

    /// Opens `path` under `root`.
    init(path: String, root: SystemRoot) throws {
        self.path = path
        do {
            descriptor = try FileDescriptor(opening: root.resolve(path), O_RDONLY)
        } catch {
            throw PerfVError.systemCall(error)
        }
    }

    /// The counter's value now.
    func read() throws -> Int64 {
        try withUnsafeTemporaryAllocation(byteCount: Self.limit + 1, alignment: 1) { buffer in
            let count: Int
            do throws(SystemCallError) {
                count = try descriptor.read(into: buffer, atOffset: 0)
            } catch {
                throw PerfVError.systemCall(error.about(path))
            }
            guard count <= Self.limit else {
                throw PerfVError.malformedFile(path: path, reason: "longer than \(Self.limit) bytes")
            }
            return try Self.parse(UnsafeRawBufferPointer(rebasing: buffer[..<count]), path: path)
        }
    }

    /// The value of `bytes`, which must be one unsigned decimal and a newline.
    static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws -> Int64 {
        var cursor = TextCursor(bytes)
        switch cursor.readUnsignedDecimal() {
        case let .success(value):
            guard cursor.skip("\n"), cursor.isAtEnd else {
                throw PerfVError.malformedFile(
                    path: path, reason: "expected one number and a newline, found '\(cursor.line(from: 0))'")
            }
            return value
        case let .failure(error):
            throw PerfVError.malformedFile(path: path, reason: error.reason(field: "the counter"))
        }
    }
}
