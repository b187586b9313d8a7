import ArgumentParser
import Report

/// Where a command writes its results, and whether it may replace a previous run.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output directory (created if missing). If it holds a previous run, results go to a new run-<UTC time> sub-folder unless --force; if another sweep is writing there, always.")
    var out = "perfv-results"

    @Flag(name: .long, help: "Replace a previous run's files in --out instead of writing a new sub-folder.")
    var force = false

    /// The resolved directory; a ValidationError when it cannot be written.
    func directory() throws -> OutputDirectory {
        do {
            return try OutputDirectory.resolve(requested: out, force: force)
        } catch let error as OutputError {
            throw ValidationError(error.description)
        }
    }
}
