import ArgumentParser
import Foundation
import Report

/// `perfv-report merge`: many sweeps (a Slurm array's shards, many nodes) as one fleet
/// report, with the nodes that stand out flagged by median and MAD.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge sweeps from many nodes (Slurm array shards) into one fleet report: JSON, CSV, HTML; flags nodes that stand out.",
        discussion: """
        Each DIR is a results.json, a sweep's output directory, or a directory of those (e.g. the shard_<task> \
        folders of perfv-report slurm-script). Results are grouped by node name; the shards of one sweep on one \
        node merge into one node. Writes fleet.json, fleet-cases.csv, fleet-nodes.csv and fleet.html into --output \
        and prints the per-node table. \(RobustZScore.rule).
        """
    )

    @Argument(help: ArgumentHelp("Sweep results: files, sweep directories, or directories of them.", valueName: "dir"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Directory for the fleet report (created if missing).", valueName: "dir"))
    var output = "perfv-fleet-report"

    func run() throws {
        let report = try FleetReport(files: try ResultsFile.read(paths: paths))
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotCreate(path: output, reason: error.localizedDescription)
        }
        let names = FleetReport.fileNames
        let file = { (name: String) in (output as NSString).appendingPathComponent(name) }
        try AtomicFile.write(try report.json(), to: file(names.json))
        try AtomicFile.write(report.casesCSV(), to: file(names.casesCSV))
        try AtomicFile.write(report.nodesCSV(), to: file(names.nodesCSV))
        try AtomicFile.write(report.html(), to: file(names.html))
        print(report.text(), terminator: "")
        print("wrote \([names.json, names.casesCSV, names.nodesCSV, names.html].map(file).joined(separator: ", "))")
    }
}
