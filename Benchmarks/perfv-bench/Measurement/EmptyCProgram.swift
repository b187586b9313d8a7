import Foundation

/// `int main(void) { return 0; }`, built with a C compiler to link one library with
/// --no-as-needed: the loader then maps and initializes the library although main
/// calls nothing in it, so the program's start time and memory are the library's.
struct EmptyCProgram {
    let path: String

    /// Builds the program into `directory`, linking `library` ("perfv", "papi"; nil for
    /// none) found in `searchPath` (also its run path) or the system's directories.
    init(linking library: String?, searchPath: String? = nil, in directory: URL) throws {
        let source = directory.appendingPathComponent("empty.c")
        if !FileManager.default.fileExists(atPath: source.path) {
            try Data("int main(void) { return 0; }\n".utf8).write(to: source)
        }
        path = directory.appendingPathComponent("empty-" + (library ?? "plain")).path
        var arguments = ["-O2", source.path, "-o", path, "-Wl,--no-as-needed"]
        if let searchPath { arguments += ["-L", searchPath, "-Wl,-rpath," + searchPath] }
        if let library { arguments.append("-l" + library) }
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = ["cc"] + arguments
        let errors = Pipe()
        compiler.standardError = errors
        try compiler.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        compiler.waitUntilExit()
        guard compiler.terminationStatus == 0 else {
            throw BenchmarkError.unavailable("cc " + arguments.joined(separator: " ") + " failed: "
                                             + String(decoding: message, as: UTF8.self))
        }
    }
}
