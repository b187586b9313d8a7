import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// Where PerfV reads the kernel's /proc, /sys and /dev files from.
///
/// `SystemRoot.live` is the real file system; tests point a `SystemRoot` at
/// a fixture directory laid out like `/` (`<root>/sys/module/kvm_pvm`, …) to
/// check the detection logic against machines they are not running on.
public struct SystemRoot: Sendable, Equatable {
    /// Prefix prepended to every absolute path; "" for the real root.
    public var prefix: String

    public init(prefix: String) {
        self.prefix = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
    }

    /// The real file system.
    public static let live = SystemRoot(prefix: "")

    /// `path` (absolute, as on a live system) under this root.
    public func resolve(_ path: String) -> String { prefix + path }

    /// Whether `path` exists (`access(2)` with F_OK).
    public func exists(_ path: String) -> Bool {
        access(resolve(path), F_OK) == 0
    }

    /// Names in directory `path`, sorted; empty when it does not exist
    /// (`opendir(3)`/`readdir(3)`).
    public func directoryEntries(_ path: String) -> [String] {
        guard let directory = opendir(resolve(path)) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Reads the text of a kernel file, at most `limit` + 1 bytes, so a parser
    /// can tell a file that is too long from one that fits (open(2), pread(2),
    /// through ``FileDescriptor``).
    public func readText(_ path: String, limit: Int) throws -> String {
        String(decoding: try readBytes(path, limit: limit + 1), as: UTF8.self)
    }

    /// The first `limit` bytes of a file (open(2), pread(2), through ``FileDescriptor``).
    public func readBytes(_ path: String, limit: Int) throws -> [UInt8] {
        do {
            return try FileDescriptor(opening: resolve(path), O_RDONLY).readToEnd(limit: limit)
        } catch {
            throw PerfVError.systemCall(error)
        }
    }
}
