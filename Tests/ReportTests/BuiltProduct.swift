import Foundation

/// Paths of the package's built executables, found next to the test bundle
/// (`swift build --build-tests` and `swift test` build every product into one folder).
enum BuiltProduct {
    static func path(_ name: String) -> String? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs `perfv-report` with `arguments`; returns its exit status and output.
    static func runReport(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = try launchReport(arguments)
        let out = try process.standardOutputPipe.readToEnd() ?? Data()
        let err = try process.standardErrorPipe.readToEnd() ?? Data()
        process.process.waitUntilExit()
        return (process.process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    struct Launched {
        let process: Process
        let standardOutputPipe: FileHandle
        let standardErrorPipe: FileHandle
    }

    static func launchReport(_ arguments: [String]) throws -> Launched {
        let out = Pipe(), err = Pipe()
        let process = try startReport(arguments, standardOutput: out, standardError: err)
        return Launched(process: process, standardOutputPipe: out.fileHandleForReading, standardErrorPipe: err.fileHandleForReading)
    }

    /// Starts `perfv-report` with its output going to `standardOutput`/`standardError`
    /// (a Pipe or a FileHandle); `environment` adds to (or overrides) this process's.
    static func startReport(_ arguments: [String], standardOutput: Any, standardError: Any,
                            environment: [String: String] = [:]) throws -> Process {
        guard let executable = path("perfv-report") else { throw ProductMissing() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = standardOutput
        process.standardError = standardError
        try process.run()
        return process
    }

    struct ProductMissing: Error, CustomStringConvertible {
        var description: String { "perfv-report is not built next to the tests (run swift build --build-tests first)" }
    }
}
