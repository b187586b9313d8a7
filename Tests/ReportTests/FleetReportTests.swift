import Foundation
import Testing
import VMM
@testable import Report

/// `merge`'s model on hand-made sweeps: five nodes, one with ten times the steal.
@Suite("Fleet report (merge)")
struct FleetReportTests {
    static let stealShares = ["n1": 0.010, "n2": 0.012, "n3": 0.011, "n4": 0.009, "n5": 0.20]
    static let exitCosts = ["n1": 10_000.0, "n2": 10_100, "n3": 9_900, "n4": 10_050, "n5": 10_000]

    static func node(_ name: String) throws -> ResultsFile {
        var results = try ReportWritersTests.syntheticResults()
        results.node = name
        for index in results.runs.indices where results.runs[index].sweepCase.contention == .none {
            results.runs[index].stealNs = Int64(Double(results.runs[index].wallNs) * (stealShares[name] ?? 0))
        }
        results.exitCosts = [ExitCost(reason: "io", nanosecondsPerExit: Summary([exitCosts[name] ?? 0])!, exitsPerRun: 200, method: "synthetic")]
        results.reanalyze()
        return ResultsFile(path: "/fleet/\(name)/results.json", results: results)
    }

    /// `file` cut in parts by MMM size (I/O in the last): stand-ins for the shards of one sweep.
    static func shard(_ file: ResultsFile, _ index: Int, of count: Int) throws -> ResultsFile {
        var results = file.results
        let shard = try SweepShard(index: index, count: count)
        let sizes = Set(shard.select(results.plan.mmmSizes))
        results.runs = results.runs.filter { run in
            if case let .mmm(mmm) = run.sweepCase { return sizes.contains(mmm.size) }
            return index == count - 1
        }
        results.shard = shard
        results.reanalyze()
        return ResultsFile(path: file.path.replacingOccurrences(of: "results.json", with: "shard_\(index)/results.json"), results: results)
    }

    @Test("the node with ten times the steal is flagged by median and MAD; the others are not")
    func stealOutlier() throws {
        let report = try FleetReport(files: try ["n1", "n2", "n3", "n4", "n5"].map(Self.node))
        #expect(report.nodes.map(\.name) == ["n1", "n2", "n3", "n4", "n5"])
        let steal = try #require(report.metrics.first { $0.metric == .steal })
        #expect(steal.outliers.map(\.node) == ["n5"])
        #expect((steal.outliers.first?.z ?? 0) > RobustZScore.threshold)
        let exit = try #require(report.metrics.first { $0.metric == .exitCost })
        #expect(exit.nodesMeasured == 5)
        #expect(exit.outliers.isEmpty)
        let slowdown = try #require(report.metrics.first { $0.metric == .contentionSlowdown })
        let doubled = try #require(report.nodes[0].value(.contentionSlowdown))
        #expect(doubled > 1.95 && doubled <= 2, "the synthetic hog doubles the wall time (the guest's fixed 50 µs excepted)")
        #expect(slowdown.nodesMeasured == 5)
        let efficiency = try #require(report.nodes[0].value(.guestEfficiency))
        #expect(efficiency > 0.5 && efficiency < 1)

        let text = report.text()
        #expect(text.contains("FLAGGED n5: steal"))
        #expect(text.contains("|z| > 3.5"))
        let html = report.html()
        #expect(html.contains("n5 stands out: steal"))
        #expect(html.contains("<svg"))
        let nodes = CSVText.rows(report.nodesCSV())
        #expect(nodes.count == 6)
        let flaggedColumn = try #require(nodes[0].firstIndex(of: "steal_flagged"))
        #expect(nodes.dropFirst().map { $0[flaggedColumn] } == ["no", "no", "no", "no", "yes"])
        let cases = CSVText.rows(report.casesCSV())
        #expect(cases.count == 1 + 5 * report.nodes[0].cases.count)
        let decoded = try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any]
        #expect((decoded?["nodes"] as? [Any])?.count == 5)
    }

    @Test("a metric no result holds is named as missing")
    func missingMetric() throws {
        var files = try ["n1", "n2", "n3"].map(Self.node)
        for index in files.indices {
            var results = files[index].results
            results.exitCosts = []
            files[index] = ResultsFile(path: files[index].path, results: results)
        }
        let report = try FleetReport(files: files)
        let exit = try #require(report.metrics.first { $0.metric == .exitCost })
        #expect(exit.nodesMeasured == 0)
        #expect(exit.missingNodes == ["n1", "n2", "n3"])
        #expect(report.text().contains("not measured: exit cost"))
    }

    @Test("shards of one sweep on one node merge into one node with every case")
    func shardsMerge() throws {
        let whole = try Self.node("n1")
        let parts = try (0..<2).map { try Self.shard(whole, $0, of: 2) }
        #expect(parts.allSatisfy { !$0.results.runs.isEmpty })
        let report = try FleetReport(files: parts)
        #expect(report.nodes.count == 1)
        #expect(report.nodes[0].shards == ["0/2", "1/2"])
        #expect(Set(report.caseIDs) == Set(whole.results.analysis.summaries.map(\.caseID)))
    }

    @Test("mismatched inputs are typed errors naming the files")
    func mismatches() throws {
        let whole = try Self.node("n1")
        #expect(throws: FleetError.duplicateCase(node: "n1", caseID: whole.results.runs[0].caseID,
                                                 file: whole.path, otherFile: "/copy/results.json")) {
            try FleetReport(files: [whole, ResultsFile(path: "/copy/results.json", results: whole.results)])
        }
        var other = try Self.shard(whole, 1, of: 2).results
        other.plan.repetitions += 1
        let first = try Self.shard(whole, 0, of: 2)
        #expect(throws: FleetError.planMismatch(node: "n1", file: first.path, otherFile: "/other/results.json")) {
            try FleetReport(files: [first, ResultsFile(path: "/other/results.json", results: other)])
        }
        #expect(throws: FleetError.noInputs) { try FleetReport(files: []) }
    }

    @Test("reading: a missing path, a directory without results, bad JSON and another format are typed errors")
    func readingErrors() throws {
        let temporary = try TemporaryDirectory()
        #expect(throws: ResultsFileError.missing(path: temporary.file("nope"))) { try ResultsFile.read(temporary.file("nope")) }
        try FileManager.default.createDirectory(atPath: temporary.file("empty"), withIntermediateDirectories: true)
        #expect(throws: ResultsFileError.noResults(directory: temporary.file("empty"))) { try ResultsFile.read(temporary.file("empty")) }
        try Data("{\"format_version\": 1, \"runs\": 3}".utf8).write(to: URL(fileURLWithPath: temporary.file("bad.json")))
        let malformed = #expect(throws: ResultsFileError.self) { try ResultsFile.read(temporary.file("bad.json")) }
        #expect(malformed?.description.hasPrefix(temporary.file("bad.json") + ": not a PerfV sweep's results.json") == true,
                "\(String(describing: malformed))")
        try Data("{\"format_version\": 99}".utf8).write(to: URL(fileURLWithPath: temporary.file("future.json")))
        #expect(throws: ResultsFileError.unsupportedFormat(file: temporary.file("future.json"), version: 99, supported: SweepResults.formatVersion)) {
            try ResultsFile.read(temporary.file("future.json"))
        }
        // A directory of shard directories is read whole.
        for index in 0..<2 {
            let directory = temporary.file("fleet/shard_\(index)")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try ResultsJSON.data(try Self.node("n\(index)").results).write(to: URL(fileURLWithPath: directory + "/results.json"))
        }
        #expect(try ResultsFile.read(temporary.file("fleet")).count == 2)
    }

    @Test("compare on hand-made sweeps: a doubled case is slower, an unchanged one is no different, both adjusted the same")
    func compareModel() throws {
        var a = try ReportWritersTests.syntheticResults()
        // Five runs per case with a little spread, so intervals exist.
        a.runs = a.runs.flatMap { run in (0..<5).map { rep in
            var copy = run
            copy.repetition = rep
            copy.wallNs = run.wallNs + Int64(rep * 997 % 5) * run.wallNs / 200
            copy.adjustedNs = run.adjustedNs + Int64(rep * 991 % 5) * run.adjustedNs / 200
            return copy
        } }
        var b = a
        let slowed = "mmm/naive/128/host/none"
        for index in b.runs.indices where b.runs[index].caseID == slowed {
            // The extra time is all steal: raw doubles, adjusted stays.
            b.runs[index].stealNs += b.runs[index].wallNs
            b.runs[index].wallNs *= 2
        }
        b.runs.removeAll { $0.caseID == "mmm/blocked/64/guest/none" }
        let comparison = SweepComparison(baseline: [ResultsFile(path: "A", results: a)], candidate: [ResultsFile(path: "B", results: b)],
                                         confidence: 0.95)
        let slow = try #require(comparison.cases.first { $0.caseID == slowed })
        #expect(slow.wallVerdict == .slower)
        #expect(slow.adjustedVerdict == .noDifference)
        let same = try #require(comparison.cases.first { $0.caseID == "mmm/naive/64/host/none" })
        #expect(same.wallVerdict == .noDifference)
        #expect(comparison.onlyInBaseline == ["mmm/blocked/64/guest/none"])
        #expect(comparison.text().contains("slower"))
        #expect(comparison.html().contains("<svg"))
        let json = try JSONSerialization.jsonObject(with: Data(comparison.json().utf8)) as? [String: Any]
        let first = (json?["cases"] as? [[String: Any]])?.first { $0["case_id"] as? String == slowed }
        #expect(first?["verdict"] as? String == "slower")
    }
}
