import Foundation
import Testing
import SystemCalls
@testable import Report

/// `sweep --shard`, `slurm-script`, `merge` and `compare` as a user runs them: child processes.
@Suite("Fleet commands: sweep --shard, slurm-script, merge, compare", .serialized)
struct FleetCommandTests {
    /// A sweep of a few milliseconds: host MMM, two comparison groups (N = 32 and 48).
    static let tinySweep = ["--sides", "host", "--workloads", "mmm", "--sizes", "32,48", "--kernels", "naive",
                            "--contention", "none", "--warmups", "0", "--calibration-exits", "0"]

    @Test("a bad --shard, or Slurm variables that name no shard, is a validation error before any work",
          arguments: [
            (["--shard", "2/2"], [String: String](), "0 ≤ I < N"),
            (["--shard", "x"], [:], "--shard takes I/N"),
            ([], ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "2"], "got 4/2"),
            ([], ["SLURM_ARRAY_TASK_ID": "1"], "missing: SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT"),
          ])
    func badShard(arguments: [String], environment: [String: String], message: String) throws {
        let temporary = try TemporaryDirectory()
        let (status, _, stderr) = try Self.run(["sweep"] + Self.tinySweep + arguments + ["--out", temporary.file("out")], environment: environment)
        #expect(status == 64)
        #expect(stderr.contains(message), "stderr: \(stderr)")
        #expect(!FileManager.default.fileExists(atPath: temporary.file("out")))
    }

    @Test("two shards run disjoint cases, record node, shard and Slurm context, and merge into one node with all cases")
    func shardsAndMerge() throws {
        let temporary = try TemporaryDirectory()
        var ids: [Set<String>] = []
        for index in 0..<2 {
            let environment = ["SLURM_JOB_ID": "900\(index)", "SLURM_ARRAY_JOB_ID": "900", "SLURM_CLUSTER_NAME": "testcluster"]
            let (status, stdout, stderr) = try Self.run(["sweep"] + Self.tinySweep + ["--reps", "1", "--shard", "\(index)/2",
                                                         "--progress", "none", "--out", temporary.file("fleet/shard_\(index)")],
                                                        environment: environment)
            try #require(status == 0, "stdout: \(stdout) stderr: \(stderr)")
            let results = try ResultsJSON.decode(try Data(contentsOf: URL(fileURLWithPath: temporary.file("fleet/shard_\(index)/results.json"))))
            #expect(results.shard == (try SweepShard(index: index, count: 2)))
            #expect(results.node == (try SystemCall.nodeName()))
            #expect(results.slurm?.jobID == "900\(index)")
            #expect(results.slurm?.clusterName == "testcluster")
            ids.append(Set(results.runs.map(\.caseID)))
        }
        #expect(ids[0] == ["mmm/naive/32/host/none"])
        #expect(ids[1] == ["mmm/naive/48/host/none"])

        let (status, stdout, stderr) = try Self.run(["merge", temporary.file("fleet"), "--output", temporary.file("report")])
        try #require(status == 0, "stderr: \(stderr)")
        #expect(stdout.contains("1 node, 2 cases"))
        #expect(stdout.contains("Rule: flagged when |z| > 3.5"))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: temporary.file("report/fleet.json")))) as? [String: Any]
        let node = try #require((report?["nodes"] as? [[String: Any]])?.first)
        #expect(node["shards"] as? [String] == ["0/2", "1/2"])
        #expect(Set(((node["cases"] as? [[String: Any]]) ?? []).compactMap { $0["case_id"] as? String }) == ids[0].union(ids[1]))
        for name in [FleetReport.fileNames.casesCSV, FleetReport.fileNames.nodesCSV, FleetReport.fileNames.html] {
            #expect(FileManager.default.fileExists(atPath: temporary.file("report/" + name)))
        }
    }

    @Test("merge and compare name the unreadable input")
    func badInputs() throws {
        let temporary = try TemporaryDirectory()
        let merge = try Self.run(["merge", temporary.file("nothing"), "--output", temporary.file("report")])
        #expect(merge.status != 0)
        #expect(merge.stderr.contains("\(temporary.file("nothing")): no such file or directory"))
        let compare = try Self.run(["compare", temporary.path, temporary.path])
        #expect(compare.status != 0)
        #expect(compare.stderr.contains("no results.json in it or in its subdirectories"))
        let confidence = try Self.run(["compare", temporary.path, temporary.path, "--confidence", "1.5"])
        #expect(confidence.status == 64)
        #expect(confidence.stderr.contains("--confidence must lie strictly between 0 and 1"))
    }

    @Test("compare prints per case a ratio, an interval and a verdict for raw and adjusted times, and writes HTML")
    func compare() throws {
        let temporary = try TemporaryDirectory()
        for name in ["a", "b"] {
            let (status, _, stderr) = try Self.run(["sweep"] + Self.tinySweep + ["--reps", "5", "--progress", "none", "--out", temporary.file(name)])
            try #require(status == 0, "stderr: \(stderr)")
        }
        let (status, stdout, stderr) = try Self.run(["compare", temporary.file("a"), temporary.file("b"), "--html", temporary.file("c.html")])
        try #require(status == 0, "stderr: \(stderr)")
        let verdicts = ["faster", "slower", "no difference"]
        for label in ["MMM naive N=32 host", "MMM naive N=48 host"] {
            let line = try #require(stdout.split(separator: "\n").first { $0.hasPrefix(label) }, "stdout: \(stdout)")
            // Timings are the machine's; only the shape is checked: two verdicts on each line.
            #expect(verdicts.filter { line.contains($0) }.count >= 1, "line: \(line)")
            #expect(line.contains("[") && line.contains("–"))
        }
        let html = try String(contentsOfFile: temporary.file("c.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("MMM naive N=48 host (adjusted)"))
        let json = try Self.run(["compare", temporary.file("a"), temporary.file("b"), "--json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((decoded?["cases"] as? [Any])?.count == 2)
    }

    @Test("slurm-script prints a job array of exclusive one-node tasks running sweep shards into DIR/shard_<task>")
    func slurmScript() throws {
        let temporary = try TemporaryDirectory()
        let (status, stdout, stderr) = try Self.run(["slurm-script", "--array-size", "3", "--output", temporary.file("fleet"),
                                                     "--partition", "batch", "--time", "20:00", "--sizes", "64,128", "--reps", "4"])
        try #require(status == 0, "stderr: \(stderr)")
        for line in ["#!/bin/bash", "#SBATCH --array=0-2", "#SBATCH --nodes=1", "#SBATCH --exclusive", "#SBATCH --partition=batch",
                     "#SBATCH --time=20:00", "#SBATCH --output=\(temporary.file("fleet"))/slurm-%A_%a.out"] {
            #expect(stdout.contains(line + "\n"), "missing \(line) in \(stdout)")
        }
        let exec = try #require(stdout.split(separator: "\n").first { $0.hasPrefix("exec ") })
        #expect(exec.contains(" sweep --sizes 64,128 --reps 4 "))
        #expect(exec.hasSuffix("--out \(temporary.file("fleet"))/shard_\"$SLURM_ARRAY_TASK_ID\""))
        #expect(!exec.contains("--shard"), "the shard comes from the array's variables")
        #expect(stdout.contains("merge \(temporary.file("fleet"))/shard_* --output \(temporary.file("fleet"))/fleet"))
        let whole = try Self.run(["slurm-script", "--whole-plan", "--output", temporary.file("fleet")])
        #expect(whole.stdout.contains("--shard 0/1"))

        for (arguments, message) in [(["--array-size", "0"], "--array-size must be at least 1"),
                                     (["--out", "x"], "--out is set by the script"),
                                     (["--shard=0/2"], "--shard=0/2 is set by the script"),
                                     (["--sizes", "0"], "sweep options: --sizes values must be positive")] {
            let bad = try Self.run(["slurm-script", "--output", temporary.file("fleet")] + arguments)
            #expect(bad.status == 64)
            #expect(bad.stderr.contains(message), "stderr: \(bad.stderr)")
        }
    }

    /// Runs perfv-report with `environment` added; SLURM_* of the test's own environment removed,
    /// so a test run inside a Slurm job sees none.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let temporary = try TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: temporary.file("out"), contents: nil)
        _ = FileManager.default.createFile(atPath: temporary.file("err"), contents: nil)
        let out = try #require(FileHandle(forWritingAtPath: temporary.file("out")))
        let err = try #require(FileHandle(forWritingAtPath: temporary.file("err")))
        var inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") }
        inherited.merge(environment) { $1 }
        guard let executable = BuiltProduct.path("perfv-report") else { throw BuiltProduct.ProductMissing() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = inherited
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: temporary.file("out"), encoding: .utf8),
                try String(contentsOfFile: temporary.file("err"), encoding: .utf8))
    }
}
