import Foundation

/// The shared libraries the loader maps for a binary, as `ldd` resolves them, and
/// their sizes on disk: what has to be shipped for the binary to run.
struct LoadedLibraries {
    /// Resolved paths, in ldd's order.
    let paths: [String]

    init(of binary: String) throws {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        ldd.arguments = ["ldd", binary]
        let output = Pipe()
        ldd.standardOutput = output
        try ldd.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        guard ldd.terminationStatus == 0 else { throw BenchmarkError.unavailable("ldd \(binary) failed") }
        paths = try LoadedLibraries.parse(text, binary: binary)
    }

    /// "\tname => /path (0x…)" or "\t/path (0x…)"; linux-vdso has no file and is skipped.
    static func parse(_ text: String, binary: String) throws -> [String] {
        try text.split(separator: "\n").compactMap { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if let arrow = fields.firstIndex(of: "=>") {
                guard arrow + 1 < fields.count, fields[arrow + 1].hasPrefix("/") else {
                    if line.contains("not found") { throw BenchmarkError.unavailable("ldd \(binary): \(line)") }
                    return nil
                }
                return String(fields[arrow + 1])
            }
            return fields.first.flatMap { $0.hasPrefix("/") ? String($0) : nil }
        }
    }

    /// Whether the distribution installs `path` (/lib, /lib64, /usr/lib): nothing to ship.
    static func isDistributions(_ path: String) -> Bool {
        ["/lib/", "/lib64/", "/usr/lib/"].contains { path.hasPrefix($0) }
    }

    /// Bytes of `path`'s file, through symbolic links (stat(2)).
    static func fileBytes(_ path: String) throws -> Double {
        var status = stat()
        guard stat(path, &status) == 0 else { throw BenchmarkError.unavailable("cannot stat \(path)") }
        return Double(status.st_size)
    }
}
