import Foundation
import PerfV
import Testing
import VMM
@testable import Report
@testable import Sweep

/// The writers and the analysis, on a hand-made sweep whose numbers are known.
@Suite("Results writers and analysis")
struct ReportWritersTests {
    static func syntheticResults(mismatch: Bool = false, machine: String = EnvironmentMachine.kvmGuestWithPVM) throws -> SweepResults {
        var results = SweepResults(perfvVersion: "test", commandLine: ["perfv-report", "sweep", "--sizes", "64,128"],
                                   startedAt: "2026-01-01T00:00:00Z",
                                   machine: try EnvironmentMachine.info(machine),
                                   plan: {
                                       var plan = SweepPlan.standard
                                       plan.mmmSizes = [64, 128]
                                       plan.ioBlockSizes = [512]
                                       plan.ioBlockCount = 100
                                       return plan
                                   }())
        for size in [64, 128] {
            for kernel in Workload.MMMKernel.allCases {
                for contention in Contention.allCases {
                    for side in Side.allCases {
                        let sweepCase = SweepCase.mmm(size: size, kernel: kernel, side: side, contention: contention)
                        for rep in 0..<3 {
                            let base = Int64(size * size * size) + Int64(rep) * 1000
                            let wall = contention == .none ? base : 2 * base
                            var checksum = size == 64 ? "00000000000000aa" : "00000000000000bb"
                            if mismatch, size == 128, side == .guest { checksum = "00000000000000cc" }
                            var run = RunRecord(sweepCase: sweepCase, repetition: rep, wallNs: wall + (side == .guest ? 50_000 : 0),
                                                stealNs: wall - base, adjustedNs: base + (side == .guest ? 50_000 : 0), checksum: checksum)
                            if side == .guest { run.exitsByReason = ["io": 120]; run.exitsOutsideWork = 118; run.exitsTotal = 120 }
                            results.runs.append(run)
                        }
                    }
                }
            }
        }
        for route in IORoute.all {
            let sweepCase = SweepCase.io(blockCount: 100, blockSize: 512, route: route)
            let side = route.side
            for rep in 0..<3 {
                let wall: Int64 = side == .host ? 1_000_000 : (route == .guest(.perRequest) ? 3_000_000 : 1_100_000)
                var run = RunRecord(sweepCase: sweepCase, repetition: rep, wallNs: wall + Int64(rep), stealNs: 0, adjustedNs: wall,
                                    bytesMoved: 102_400, requests: 200)
                if side == .guest {
                    run.exitsByReason = ["io": route == .guest(.perRequest) ? 250 : 52]
                    run.exitsOutsideWork = 50
                }
                results.runs.append(run)
            }
        }
        results.exitCosts = [ExitCost(reason: "io", nanosecondsPerExit: Summary([10_000, 10_000, 10_000])!, exitsPerRun: 200, method: "synthetic")]
        results.skipped = [SkippedPart(what: "nothing really", reason: "a test")]
        results.status = .complete
        results.reanalyze()
        return results
    }

    @Test("the analysis prices only the exits made during the measured work")
    func overhead() throws {
        let results = try Self.syntheticResults()
        let perRequest = try #require(results.analysis.overheads.first { $0.guestCaseID.hasPrefix("io/per-request") })
        #expect(perRequest.overheadNs == 2_000_000)
        // 250 io exits, 50 of them console and hypercalls: 200 × 10 µs = 2 ms.
        #expect(perRequest.explainedNs == 2_000_000)
        #expect(perRequest.explainedFraction == 1)
        let mmm = try #require(results.analysis.overheads.first { $0.guestCaseID == "mmm/naive/64/guest/none" })
        #expect(mmm.overheadNs == 50_000)
        #expect(mmm.explainedNs == 20_000) // 2 exits during the work × 10 µs
        #expect(results.analysis.overheads.allSatisfy { !$0.guestCaseID.hasSuffix("pinned-hog") })
    }

    @Test("checksums agree per size, and a mismatch is reported")
    func checksums() throws {
        #expect(try Self.syntheticResults().analysis.checksumMismatches.isEmpty)
        let bad = try Self.syntheticResults(mismatch: true).analysis.checksumMismatches
        #expect(bad.map(\.size) == [128])
        #expect(bad.first?.checksums.count == 2)
    }

    @Test("results.json round-trips and carries provenance")
    func json() throws {
        let results = try Self.syntheticResults()
        let data = try ResultsJSON.data(results)
        let decoded = try ResultsJSON.decode(data)
        #expect(decoded == results)
        #expect(decoded.machine == results.machine, "the machine's SystemInfo survives the trip")
        #expect(decoded.runs.map(\.sweepCase) == results.runs.map(\.sweepCase))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["perfv_version", "command_line", "machine", "plan", "runs", "analysis", "status", "exit_costs"] {
            #expect(object[key] != nil, "results.json lacks \(key)")
        }
        let run = try #require((object["runs"] as? [[String: Any]])?.first { $0["workload"] as? String == "io" })
        #expect(run["mb_per_s"] is Double)
        // The case stays flat in each run, under the names results.json always had.
        #expect(run["io_mode"] as? String == "syscall" && run["block_size"] as? Int == 512 && run["side"] as? String == "host")
        let machine = try #require(object["machine"] as? [String: Any])
        #expect((machine["hypervisor"] as? [String: Any])?["present"] as? Bool == true, "stored as `info --json` writes it")
    }

    @Test("results.csv has one row per run and the same columns in every row")
    func csv() throws {
        let results = try Self.syntheticResults()
        let rows = CSVText.rows(ResultsCSV.text(runs: results.runs))
        #expect(rows.count == results.runs.count + 1)
        #expect(rows[0] == ResultsCSV.columns)
        #expect(rows.allSatisfy { $0.count == ResultsCSV.columns.count })
    }

    @Test("a run whose steal was clamped says so in results.json, results.csv and report.html")
    func stealClamp() throws {
        var results = try Self.syntheticResults()
        let measurement = RegionMeasurement(
            wallNanoseconds: 60_000, threadCPUNanoseconds: 50_000, processCPUNanoseconds: 50_000,
            runDelayNanoseconds: 0, stealNanoseconds: 0, cpuAtBegin: 0, cpuAtEnd: 0,
            adjustedWallNanoseconds: 60_000, stealClamp: .wentBackwards)
        results.runs.append(RunRecord(hostCase: .mmm(size: 64, kernel: .naive, side: .host, contention: .none),
                                      repetition: 9, measurement: measurement, checksum: nil))
        let decoded = try ResultsJSON.decode(try ResultsJSON.data(results))
        #expect(decoded.runs.last?.stealClamp == StealClamp.wentBackwards.description)
        let rows = CSVText.rows(ResultsCSV.text(runs: results.runs))
        let column = try #require(ResultsCSV.columns.firstIndex(of: "steal_clamped"))
        #expect(rows.last?[column] == StealClamp.wentBackwards.description)
        #expect(HTMLReport(results: results).html().contains("Steal clamped in 1 runs."))
    }

    @Test("CSV fields with commas and quotes are quoted")
    func csvQuoting() {
        #expect(ResultsCSV.quoted("plain") == "plain")
        #expect(ResultsCSV.quoted("a,b") == "\"a,b\"")
        #expect(ResultsCSV.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }

    @Test("report.html is self-contained, leads with what was skipped, and has every chart")
    func html() throws {
        let html = HTMLReport(results: try Self.syntheticResults(mismatch: true)).html()
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("@import") && !html.contains("url("))
        let skipped = try #require(html.range(of: "Skipped: nothing really"))
        let reading = try #require(html.range(of: "What the results say"))
        #expect(skipped.lowerBound < reading.lowerBound)
        #expect(html.contains("Checksum mismatch at N=128"))
        // Host vs guest (2 kernels), contention (2 sides × 2 kernels), I/O (2), overhead (1).
        #expect(html.components(separatedBy: "<svg").count - 1 == 9)
        #expect(html.contains("pinned hog, steal-adjusted"))
        #expect(html.contains("guest, batched ring"))
        #expect(html.contains("KVMKVMKVM"))
    }

    @Test("HTML text is escaped")
    func escaping() {
        #expect(HTMLText.escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    }
}
