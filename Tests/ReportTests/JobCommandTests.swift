import Foundation
import Testing

/// `perfv-report job begin|end`: per-job steal on the job's CPUs, from fixture roots
/// and from this machine, appended whole even when two epilogs end at once.
@Suite("Per-job steal")
struct JobCommandTests {
    /// The JSON lines of the job file.
    static func lines(_ file: String) throws -> [[String: Any]] {
        try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)")
        }
    }

    @Test("begin then end on a fixture: the steal on the job's CPUs only, the missing sources named")
    func fixtureJob() throws {
        let node = try NodeFixture(allowedCPUs: "1-2")
        let file = node.directory.file("jobs.jsonl")
        let begin = try BuiltProduct.runReport(["job", "begin", "--file", file, "--job-id", "81234", "--root", node.path])
        #expect(begin.status == 0, "\(begin.stderr)")
        #expect(FileManager.default.fileExists(atPath: file + ".begin-81234"))
        try node.setSteal([500, 300, 100, 900], contextSwitches: 200)
        let end = try BuiltProduct.runReport(["job", "end", "--file", file, "--job-id", "81234", "--root", node.path])
        #expect(end.status == 0, "\(end.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file + ".begin-81234"))
        let line = try #require(try Self.lines(file).first)
        #expect(line["job_id"] as? String == "81234")
        #expect(line["cpus"] as? [Int] == [1, 2])
        // 300 and 100 ticks at USER_HZ 100: 3 s and 1 s; CPU 0 and 3 are not the job's.
        let perCPU = try #require(line["steal_seconds_per_cpu"] as? [Double])
        #expect(perCPU.count == 2 && abs(perCPU[0] - 3) < 1e-6 && abs(perCPU[1] - 1) < 1e-6, "\(perCPU)")
        #expect(abs(try #require(line["steal_seconds"] as? Double) - 4) < 1e-6)
        let unavailable = try #require(line["unavailable"] as? [String])
        #expect(unavailable.contains { $0.hasPrefix("/proc/schedstat: absent") })
        #expect(unavailable.contains { $0.hasPrefix("cgroup throttling:") })
        #expect(line["run_queue_delay_seconds"] == nil)
    }

    @Test("end without begin is an error naming the job; a job id that is not a file name is refused")
    func missingBegin() throws {
        let node = try NodeFixture()
        let file = node.directory.file("jobs.jsonl")
        let end = try BuiltProduct.runReport(["job", "end", "--file", file, "--job-id", "4242", "--root", node.path])
        #expect(end.status != 0)
        #expect(end.stderr.contains("job 4242 has no begin record"), "\(end.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file))
        let traversal = try BuiltProduct.runReport(["job", "begin", "--file", file, "--job-id", "../x", "--root", node.path])
        #expect(traversal.status != 0 && traversal.stderr.contains("job id \"../x\""), "\(traversal.stderr)")
        let noID = try BuiltProduct.runReport(["job", "begin", "--file", file, "--root", node.path])
        if ProcessInfo.processInfo.environment["SLURM_JOB_ID"] == nil {
            #expect(noID.status != 0 && noID.stderr.contains("SLURM_JOB_ID"), "\(noID.stderr)")
        }
        let badCPUs = try BuiltProduct.runReport(["job", "begin", "--file", file, "--job-id", "1", "--cpus", "3-1", "--root", node.path])
        #expect(badCPUs.status != 0 && badCPUs.stderr.contains("bad CPU range"), "\(badCPUs.stderr)")
    }

    @Test("epilogs of several jobs ending at once each append one whole line")
    func concurrentEnds() throws {
        let node = try NodeFixture()
        let file = node.directory.file("jobs.jsonl")
        let jobs = (1...6).map { "job\($0)" }
        for job in jobs {
            #expect(try BuiltProduct.runReport(["job", "begin", "--file", file, "--job-id", job, "--root", node.path]).status == 0)
        }
        let processes = try jobs.map { job in
            try BuiltProduct.startReport(["job", "end", "--file", file, "--job-id", job, "--root", node.path],
                                         standardOutput: FileHandle.nullDevice, standardError: FileHandle.nullDevice)
        }
        for process in processes { process.waitUntilExit(); #expect(process.terminationStatus == 0) }
        let lines = try Self.lines(file)
        #expect(Set(lines.compactMap { $0["job_id"] as? String }) == Set(jobs))
        #expect(lines.count == jobs.count)
    }

    @Test("on this machine: SLURM_JOB_ID names the job, and the line holds this node's steal on CPU 0")
    func liveJob() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("jobs.jsonl")
        let job = "live-\(getpid())"
        for phase in ["begin", "end"] {
            let process = try BuiltProduct.startReport(["job", phase, "--file", file, "--cpus", "0"],
                                                       standardOutput: FileHandle.nullDevice, standardError: FileHandle.nullDevice,
                                                       environment: ["SLURM_JOB_ID": job])
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "job \(phase)")
        }
        let line = try #require(try Self.lines(file).first)
        #expect(line["job_id"] as? String == job)
        #expect(line["cpus"] as? [Int] == [0])
        #expect((line["seconds"] as? Double).map { $0 > 0 } == true)
        #expect((line["steal_seconds"] as? Double).map { $0 >= 0 } == true, "\(line)")
        #expect((line["node"] as? String)?.isEmpty == false)
    }
}
