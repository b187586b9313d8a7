import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// Writes a rank file: creates its directory (and missing parents), then the file.
enum NamedRegionOutput {
    /// Writes `text` to `directory/rank_<NNNNNN>.json` and returns the file's path.
    static func write(_ text: String, directory: String, rank: Int) throws(SystemCallError) -> String {
        try makeDirectories(directory)
        let digits = String(rank)
        let path = directory + "/rank_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".json"
        let file = try FileDescriptor(opening: path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions: 0o644)
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            written += try bytes.withUnsafeBytes { buffer in
                Result { () throws(SystemCallError) in
                    try file.write(UnsafeRawBufferPointer(rebasing: buffer[written...]), atOffset: Int64(written))
                }
            }.get()
        }
        try file.close()
        return path
    }

    /// mkdir -p: each missing component of `path`, in turn; MPI ranks race here,
    /// so one that exists already is fine.
    private static func makeDirectories(_ path: String) throws(SystemCallError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 {
                let error = SystemCallError.lastError(of: "mkdir").about(prefix)
                guard error.errno == EEXIST else { throw error }
            }
            prefix += "/"
        }
    }
}
