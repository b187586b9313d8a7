import ArgumentParser
import Report

/// `perfv-report compare A B`: two sweeps side by side, per case the ratio B/A of the
/// run times with a confidence interval and a verdict, raw and steal-adjusted.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two sweeps (two machines, instance types, kernels): per case B/A with a confidence interval and a verdict.",
        discussion: """
        A and B are each a results.json, a sweep's output directory, or a directory of shard directories. \
        Cases are matched by id. \(SweepComparison.method). An interval needs at least 4 runs per side at 95% \
        (sweep --reps); fewer say "too few runs".
        """
    )

    @Argument(help: "The baseline sweep (A).")
    var baseline: String

    @Argument(help: "The sweep compared with it (B).")
    var candidate: String

    @Option(name: .long, help: "Confidence of the intervals, between 0 and 1.")
    var confidence = 0.95

    @Option(name: .long, help: ArgumentHelp("Also write a self-contained HTML page with an SVG interval chart to this file.", valueName: "file"))
    var html: String?

    @Flag(name: .long, help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        guard confidence > 0, confidence < 1 else { throw ValidationError("--confidence must lie strictly between 0 and 1; got \(confidence)") }
    }

    func run() throws {
        let comparison = SweepComparison(baseline: try ResultsFile.read(baseline), candidate: try ResultsFile.read(candidate),
                                         confidence: confidence)
        if let html { try AtomicFile.write(comparison.html(), to: html) }
        print(json ? try comparison.json() : comparison.text(), terminator: "")
    }
}
