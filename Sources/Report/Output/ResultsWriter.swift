/// Writes results.json, results.csv and report.html into an ``OutputDirectory``,
/// each atomically, so the files are valid whenever the sweep stops.
public struct ResultsWriter: Sendable {
    public let directory: OutputDirectory

    public init(directory: OutputDirectory) {
        self.directory = directory
    }

    public var jsonPath: String { directory.file("results.json") }
    public var csvPath: String { directory.file("results.csv") }
    public var htmlPath: String { directory.file("report.html") }

    /// Writes the machine-readable files (after every case, and at the end).
    public func writeData(_ results: SweepResults) throws {
        try AtomicFile.write(try ResultsJSON.data(results), to: jsonPath)
        try AtomicFile.write(ResultsCSV.text(runs: results.runs), to: csvPath)
    }

    /// Writes all three files.
    public func writeAll(_ results: SweepResults) throws {
        try writeData(results)
        try AtomicFile.write(HTMLReport(results: results).html(), to: htmlPath)
    }
}
