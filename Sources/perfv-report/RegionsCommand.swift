import ArgumentParser
import Foundation
import Report

/// `perfv-report regions`: merges named-region rank files and shows, per region,
/// where its time went and how evenly threads and ranks shared it.
struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "Merge named-region rank files: raw vs steal-adjusted time, steal, run delay, imbalance per region.",
        discussion: """
        Each PATH is a rank file, a perfv_<run> directory, or a directory holding several \
        (e.g. $PERFV_OUTPUT_DIRECTORY). Regions are merged by name path ("solve/step"); every \
        rank file counts as one rank. Imbalance is max/mean of the raw totals of the threads \
        (ranks) that ran the region.
        """
    )

    @Argument(help: "Rank files, perfv_<run> directories, or directories of those.")
    var paths: [String]

    @Flag(name: .long, help: "Print one JSON object instead of the table.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Also write a self-contained HTML page with SVG bar charts to this file.", valueName: "file"))
    var html: String?

    @Option(name: .long, help: ArgumentHelp("Also write a Chrome trace-event JSON file (chrome://tracing, ui.perfetto.dev).",
                                            discussion: RegionsReport.chromeTraceExplanation, valueName: "file"))
    var chromeTrace: String?

    func run() throws {
        let report = try RegionsReport(paths: paths)
        if let html { try AtomicFile.write(report.html(), to: html) }
        if let chromeTrace { try AtomicFile.write(report.chromeTrace(), to: chromeTrace) }
        print(json ? try report.json() : report.text(), terminator: "")
    }
}
