import Foundation
import Testing
@testable import Report

/// A real Slurm: scripts/slurm-local starts munged, slurmctld and slurmd on localhost;
/// a 2-task array of a tiny sweep from `perfv-report slurm-script` runs; its shards merge.
@Suite("Slurm job array of sweeps, merged", .serialized)
struct SlurmFleetTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("a 2-task array of sweep shards runs under slurmctld/slurmd, and merge lists both shards' cases")
    func jobArray() throws {
        let temporary = try TemporaryDirectory()
        let started = try Self.shell([Self.packageRoot.path + "/scripts/slurm-local", "start"])
        guard started.status == 0 else {
            // The one reason to skip: the daemons cannot start here (not root, packages missing, no munge).
            try Test.cancel("the Slurm daemons cannot start here: \(started.stderr)")
        }
        let values = Dictionary(started.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: "=", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }, uniquingKeysWith: { $1 })
        let slurmDirectory = try #require(values["SLURM_LOCAL_DIR"], "start printed: \(started.stdout)")
        let conf = try #require(values["SLURM_CONF"])
        defer {
            let stopped = try? Self.shell([Self.packageRoot.path + "/scripts/slurm-local", "stop", slurmDirectory])
            #expect(stopped?.status == 0, "slurm-local stop: \(stopped?.stderr ?? "did not run")")
        }

        let fleet = temporary.file("fleet")
        let script = try FleetCommandTests.run(["slurm-script", "--array-size", "2", "--output", fleet, "--time", "5:00"]
                                               + FleetCommandTests.tinySweep + ["--reps", "2"])
        try #require(script.status == 0, "slurm-script: \(script.stderr)")
        try script.stdout.write(toFile: temporary.file("sweep.sbatch"), atomically: true, encoding: .utf8)
        let environment = ["SLURM_CONF": conf]
        let submitted = try Self.shell(["sbatch", "--parsable", temporary.file("sweep.sbatch")], environment: environment)
        try #require(submitted.status == 0, "sbatch: \(submitted.stderr)")
        let jobID = try #require(submitted.stdout.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })

        // Wait until the array has left the queue (each task takes a few seconds).
        let deadline = Date().addingTimeInterval(240)
        var queue = ""
        repeat {
            Thread.sleep(forTimeInterval: 1)
            queue = try Self.shell(["squeue", "-h", "-j", jobID, "-o", "%i %T %r"], environment: environment).stdout
        } while !queue.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && Date() < deadline
        let logs = (0..<2).map { (try? String(contentsOfFile: "\(fleet)/slurm-\(jobID)_\($0).out", encoding: .utf8)) ?? "(no log)" }
        try #require(queue.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                     "the array was still queued after 240 s: \(queue)\nslurmctld log: \(Self.tail(slurmDirectory + "/slurmctld.log"))")

        var shardCases: [Set<String>] = []
        for task in 0..<2 {
            let path = "\(fleet)/shard_\(task)/results.json"
            let data = try #require(FileManager.default.contents(atPath: path), "no \(path); task log: \(logs[task])")
            let results = try ResultsJSON.decode(data)
            #expect(results.status == .complete)
            #expect(results.shard == (try SweepShard(index: task, count: 2)))
            #expect(results.slurm?.arrayJobID == jobID)
            #expect(results.slurm?.arrayTaskID == String(task))
            #expect(results.slurm?.clusterName == "perfvlocal")
            shardCases.append(Set(results.runs.map(\.caseID)))
        }
        #expect(shardCases.allSatisfy { !$0.isEmpty })
        #expect(shardCases[0].isDisjoint(with: shardCases[1]))

        let merged = try FleetCommandTests.run(["merge", "\(fleet)/shard_0", "\(fleet)/shard_1", "--output", fleet + "/fleet"])
        try #require(merged.status == 0, "merge: \(merged.stderr)")
        let report = try FleetReport(files: try ResultsFile.read(paths: ["\(fleet)/shard_0", "\(fleet)/shard_1"]))
        #expect(Set(report.caseIDs) == shardCases[0].union(shardCases[1]))
        let fleetJSON = try String(contentsOfFile: fleet + "/fleet/fleet.json", encoding: .utf8)
        for caseID in shardCases[0].union(shardCases[1]) { #expect(fleetJSON.contains("\"\(caseID)\"")) }
        #expect(fleetJSON.contains("\"\(jobID)_0\"") && fleetJSON.contains("\"\(jobID)_1\""), "both array tasks named")
    }

    static func tail(_ path: String) -> String {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "(none)").split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    /// Runs a program (found on PATH by /usr/bin/env) and returns its status and output.
    /// The output goes to files: a daemon the program starts may keep a pipe open forever.
    static func shell(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let temporary = try TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: temporary.file("out"), contents: nil)
        _ = FileManager.default.createFile(atPath: temporary.file("err"), contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") }.merging(environment) { $1 }
        let out = try #require(FileHandle(forWritingAtPath: temporary.file("out")))
        let err = try #require(FileHandle(forWritingAtPath: temporary.file("err")))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: temporary.file("out"), encoding: .utf8),
                try String(contentsOfFile: temporary.file("err"), encoding: .utf8))
    }
}
