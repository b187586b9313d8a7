import Foundation
import Testing
@testable import Report

/// `perfv-report sweep` as a user runs it: a child process.
@Suite("perfv-report sweep command", .serialized)
struct SweepCommandTests {
    @Test("bad options are validation errors before any work, with a message",
          arguments: [
            (["--sizes", "64,0"], "--sizes values must be positive; got 0"),
            (["--sizes", "-5"], "--sizes"),
            (["--sizes", "big"], "'big' is not one"),
            (["--workloads", "mmm,fft"], "unknown value 'fft' for --workloads; choose from mmm, io, net"),
            (["--contention", "noisy"], "unknown value 'noisy' for --contention"),
            (["--io-modes", "syscall"], "unknown value 'syscall' for --io-modes; choose from per-request, batched"),
            (["--reps", "0"], "repetitions must be positive, got 0"),
            (["--io-blocks", "0"], "I/O block count must be positive, got 0"),
            (["--out", "/proc/self/perfv-results"], "output directory /proc/self is not writable"),
            (["--guest-timeout", "1e300"], "--guest-timeout must be a positive number of seconds, at most 9223372036"),
            (["--guest-timeout", "nan"], "--guest-timeout must be a positive number of seconds"),
            (["--io-blocks", "1000000000", "--io-block-sizes", "65536"], "more than the host's available memory"),
            (["--io-blocks", "9223372036854775807"], "more than the host's available memory"),
            (["--calibration-exits", "99999999999"], "exit-cost calibration"),
            (["--net-modes", "socket"], "unknown value 'socket' for --net-modes; choose from per-packet, batched"),
            (["--net-packet-sizes", "4"], "network packet size 4 is smaller than the minimum 8"),
            (["--net-packets", "0"], "network packet count must be positive, got 0"),
          ])
    func validation(arguments: [String], message: String) throws {
        let temporary = try TemporaryDirectory()
        let extra = arguments.contains("--out") ? [] : ["--out", temporary.file("out")]
        let (status, _, stderr) = try BuiltProduct.runReport(["sweep"] + arguments + extra)
        #expect(status == 64, "ArgumentParser's validation exit code")
        #expect(stderr.contains(message), "stderr: \(stderr)")
        #expect(!FileManager.default.fileExists(atPath: temporary.file("out")), "no work started")
    }

    @Test("Ctrl-C (SIGINT) leaves the runs so far in valid JSON and CSV, marked interrupted")
    func interrupt() throws {
        let temporary = try TemporaryDirectory()
        let out = temporary.file("out")
        FileManager.default.createFile(atPath: temporary.file("log"), contents: nil)
        let log = try #require(FileHandle(forWritingAtPath: temporary.file("log")))
        let process = try BuiltProduct.startReport([
            "sweep", "--sides", "host", "--workloads", "mmm", "--sizes", "256", "--contention", "none",
            "--kernels", "naive", "--reps", "100000", "--warmups", "0", "--out", out, "--progress", "lines",
        ], standardOutput: log, standardError: log)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Wait until the sweep is under way: results.json exists with status "running".
        var deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let data = FileManager.default.contents(atPath: out + "/results.json"),
               let results = try? ResultsJSON.decode(data), results.status == .running { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 1.0)
        kill(process.processIdentifier, SIGINT)
        deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        try #require(!process.isRunning, "perfv-report did not stop within 30 s of SIGINT")
        #expect(process.terminationStatus == 130)

        let data = try #require(FileManager.default.contents(atPath: out + "/results.json"))
        let results = try ResultsJSON.decode(data)
        #expect(results.status == .interrupted)
        #expect(results.runs.count > 0)
        #expect(results.runs.count < 100_000)
        let csv = try String(contentsOfFile: out + "/results.csv", encoding: .utf8)
        let rows = CSVText.rows(csv)
        #expect(rows.count == results.runs.count + 1)
        #expect(rows.allSatisfy { $0.count == ResultsCSV.columns.count })
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("Interrupted."))
    }

    @Test("perfv-report sweep --workloads net writes only network cases into results.json")
    func networkWorkload() throws {
        let temporary = try TemporaryDirectory()
        let out = temporary.file("out")
        let (status, stdout, stderr) = try BuiltProduct.runReport([
            "sweep", "--workloads", "net", "--net-packet-sizes", "64,512", "--net-packets", "32", "--reps", "1",
            "--warmups", "0", "--calibration-exits", "200", "--out", out, "--progress", "none",
        ])
        #expect(status == 0, "stdout: \(stdout)\nstderr: \(stderr)")
        let results = try ResultsJSON.decode(try #require(FileManager.default.contents(atPath: out + "/results.json")))
        #expect(results.plan.workloads == [.net])
        #expect(results.failures.isEmpty, "\(results.failures)")
        let ids = Set(results.runs.map(\.caseID))
        #expect(ids.contains("net/socket/64x32/host") && ids.contains("net/socket/512x32/host"))
        #expect(ids.allSatisfy { $0.hasPrefix("net/") })
        if guestRunsPossible {
            #expect(ids.count == 6, "host, per-packet and batched for each size: \(ids.sorted())")
        }
        #expect(stdout.contains("Net 64 B ×32 host socket"))
    }
}
