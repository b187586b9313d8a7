import Foundation
import Testing

/// `perfv-report regions` through the built CLI: merged sums equal the rank files'
/// sums, imbalance is max/mean on fixtures with known values, the Chrome trace and
/// the HTML page are what they claim, and bad input names the file and fails.
@Suite("perfv-report regions: merging named-region rank files")
struct RegionsCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/regions").path
    /// Two ranks, three threads, "solve" and "solve/inner", throttling in rank 1 only.
    static let known = fixtures + "/known"
    /// Written by Tests/CPrograms/named_regions_openmp.c (4 OpenMP threads).
    static let openMP = fixtures + "/openmp"

    /// Runs `regions` with `arguments`; requires exit 0 and returns standard output.
    static func regions(_ arguments: [String]) throws -> String {
        let run = try BuiltProduct.runReport(["regions"] + arguments)
        try #require(run.status == 0, "regions \(arguments): \(run.stderr)")
        return run.stdout
    }

    /// `regions --json` parsed: region path → its fields.
    static func merged(_ arguments: [String]) throws -> [String: [String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(regions(["--json"] + arguments).utf8)) as? [String: Any])
        let regions = try #require(object["regions"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: regions.map { ($0["path"] as? String ?? "", $0) })
    }

    /// The value of `key` summed over every region of every rank file under `directory`.
    static func fileSum(_ key: String, under directory: String) throws -> Int64 {
        var sum: Int64 = 0
        let files = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") } ?? []
        for file in files {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))) as? [String: Any])
            for thread in (object["threads"] as? [String: [String: Any]] ?? [:]).values {
                for region in (thread["regions"] as? [String: [String: Any]] ?? [:]).values {
                    sum += (region[key] as? NSNumber)?.int64Value ?? 0
                }
            }
        }
        return sum
    }

    @Test("known values: totals, shares, throttling and imbalance max/mean")
    func knownValues() throws {
        // The parent directory holds one perfv_<run> run: found in its subdirectory.
        let regions = try Self.merged([Self.known])
        #expect(regions.keys.sorted() == ["solve", "solve/inner"])
        let solve = try #require(regions["solve"]), inner = try #require(regions["solve/inner"])
        #expect(solve["calls"] as? Int == 3 && inner["calls"] as? Int == 15)
        #expect(solve["raw_nanoseconds"] as? Int == 7000 && solve["adjusted_nanoseconds"] as? Int == 6200)
        #expect(solve["steal_nanoseconds"] as? Int == 360 && solve["run_delay_nanoseconds"] as? Int == 240)
        #expect(solve["throttled_nanoseconds"] as? Int == 200 && inner["throttled_nanoseconds"] as? Int == 50)
        #expect(abs((solve["steal_share"] as? Double ?? 0) - 360.0 / 7000) < 1e-12)
        #expect(abs((inner["run_delay_share"] as? Double ?? 0) - 90.0 / 4200) < 1e-12)
        // Threads 1000, 2000, 4000: max 4000 / mean 7000/3. Ranks 3000, 4000: 4000 / 3500.
        #expect(abs((solve["thread_imbalance"] as? Double ?? 0) - 12.0 / 7) < 1e-12)
        #expect(abs((solve["rank_imbalance"] as? Double ?? 0) - 8.0 / 7) < 1e-12)
        #expect(abs((inner["thread_imbalance"] as? Double ?? 0) - 12.0 / 7) < 1e-12)
        #expect(abs((inner["rank_imbalance"] as? Double ?? 0) - 8.0 / 7) < 1e-12)
        #expect(solve["threads"] as? Int == 3 && solve["ranks"] as? Int == 2)

        // Rank files named directly merge the same.
        let direct = try Self.merged([Self.known + "/perfv_fixture/rank_000000.json", Self.known + "/perfv_fixture/rank_000001.json"])
        #expect(direct["solve"]?["raw_nanoseconds"] as? Int == 7000)

        let text = try Self.regions([Self.known])
        #expect(text.contains("solve") && text.contains("inner") && text.contains("throttled") && text.contains("1.71 (3)"), "\(text)")
    }

    @Test("a real OpenMP run: merged sums equal the rank file's sums exactly")
    func realRun() throws {
        let regions = try Self.merged([Self.openMP])
        #expect(Set(regions.keys) == ["solve", "solve/setup", "solve/step", "solve/step/kernel", "step", "step/kernel"])
        for (field, key) in [("raw_nanoseconds", "real_time_nsec"), ("adjusted_nanoseconds", "adjusted_nsec"),
                             ("steal_nanoseconds", "steal_nsec"), ("run_delay_nanoseconds", "run_delay_nsec"), ("calls", "region_count")] {
            let merged = regions.values.reduce(Int64(0)) { $0 + (($1[field] as? NSNumber)?.int64Value ?? 0) }
            #expect(merged == (try Self.fileSum(key, under: Self.openMP)), "\(field)")
        }
        // 4 threads × 3 steps × 5 kernels, whether under "solve" (thread 0) or not.
        let kernels = (regions["solve/step/kernel"]?["calls"] as? Int ?? 0) + (regions["step/kernel"]?["calls"] as? Int ?? 0)
        #expect(kernels == 60)
    }

    @Test("--chrome-trace: JSON with complete events laid out by nesting, a steal counter per rank")
    func chromeTrace() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("trace.json")
        _ = try Self.regions([Self.known, "--chrome-trace", path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let events = try #require(object["traceEvents"] as? [[String: Any]])
        let complete = events.filter { $0["ph"] as? String == "X" }
        #expect(complete.count == 6)
        for event in complete {
            for key in ["name", "ph", "ts", "dur", "pid", "tid"] { #expect(event[key] != nil, "\(key) in \(event)") }
        }
        let counters = events.filter { $0["ph"] as? String == "C" }
        #expect(Set(counters.compactMap { $0["pid"] as? Int }) == [0, 1])
        #expect(counters.allSatisfy { $0["name"] as? String == "steal" && $0["ts"] != nil })
        // Thread 200: solve from 0 for 4 µs, inner inside it from 0 for 2.4 µs.
        let thread200 = complete.filter { $0["tid"] as? Int == 200 }
        #expect(thread200.first { $0["name"] as? String == "solve" }?["dur"] as? Double == 4)
        #expect(thread200.first { $0["name"] as? String == "inner" }?["dur"] as? Double == 2.4)
        #expect(thread200.allSatisfy { $0["ts"] as? Double == 0 })
    }

    @Test("--html: one page with SVG bars and every region")
    func html() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("regions.html")
        _ = try Self.regions([Self.known, "--html", path])
        let page = try String(contentsOfFile: path, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<svg") && page.contains("solve/inner") && page.contains("throttled"))
        #expect(!page.contains("<script"))
    }

    @Test("bad input: a typed error naming the file, non-zero exit")
    func badInput() throws {
        let directory = try TemporaryDirectory()
        let empty = directory.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let malformed = directory.file("rank_000000.json")
        try "{\"rank\": 0, \"threads\": {".write(toFile: malformed, atomically: true, encoding: .utf8)
        let wrongSchema = directory.file("rank_000001.json")
        try "{\"rank\": 0}".write(toFile: wrongSchema, atomically: true, encoding: .utf8)
        let orphan = directory.file("rank_000002.json")
        let orphanRegion = "{\"name\": \"x\", \"parent_region_id\": 7, \"region_count\": 1, \"real_time_nsec\": 1, \"adjusted_nsec\": 1, \"steal_nsec\": 0, \"run_delay_nsec\": 0}"
        try "{\"rank\": 0, \"threads\": {\"1\": {\"regions\": {\"0\": \(orphanRegion)}}}}".write(toFile: orphan, atomically: true, encoding: .utf8)
        let cases = [
            (directory.file("absent"), "no such file or directory"),
            (empty, "no rank files"),
            (malformed, "not valid JSON"),
            (wrongSchema, "missing \"threads\""),
            (orphan, "parent_region_id 7"),
        ]
        for (path, message) in cases {
            let run = try BuiltProduct.runReport(["regions", path])
            #expect(run.status != 0, "\(path)")
            #expect(run.stderr.contains(path) && run.stderr.contains(message), "\(path): \(run.stderr)")
        }
    }
}
