import Foundation
import Testing

/// `perfv-report monitor` piped (JSON lines), on a fixture root, and stopped by Ctrl-C.
@Suite("Node monitor command")
struct MonitorCommandTests {
    static func records(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)")
        }
    }

    @Test("piped, it prints a start record and one JSON line per interval with every CPU of /proc/stat")
    func jsonLines() throws {
        let run = try BuiltProduct.runReport(["monitor", "--interval", "100ms", "--count", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        let records = try Self.records(run.stdout)
        #expect(records.map { $0["type"] as? String } == ["start", "interval", "interval"])
        let procStat = try String(contentsOfFile: "/proc/stat", encoding: .utf8)
        let cpuLines = procStat.split(separator: "\n").filter { $0.hasPrefix("cpu") && !$0.hasPrefix("cpu ") }.count
        let interval = try #require(records[1]["interval"] as? [String: Any])
        #expect((interval["cpus"] as? [[String: Any]])?.count == cpuLines)
        #expect(interval["context_switches_per_second"] is Double)
        #expect(interval["clocksource"] is String)
    }

    @Test("on a fixture root the rates come from its files, and missing sources are named in the start record")
    func fixtureRoot() throws {
        let node = try NodeFixture()
        let run = try BuiltProduct.runReport(["monitor", "--root", node.path, "--interval", "50ms", "--count", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let records = try Self.records(run.stdout)
        let unavailable = try #require(records.first?["unavailable"] as? [String])
        #expect(unavailable.contains { $0.hasPrefix("/proc/schedstat: absent") })
        #expect(unavailable.contains { $0.hasPrefix("cgroup throttling:") })
        let interval = try #require(records.last?["interval"] as? [String: Any])
        #expect(interval["steal_total_ratio"] as? Double == 0)
        #expect(interval["context_switches_per_second"] as? Double == 0)
        #expect(interval["clocksource"] as? String == "tsc")
        #expect(interval["cgroup_throttled_ratio"] == nil)
    }

    @Test("a clocksource change on the node gives one warning record naming both clocksources")
    func clocksourceWarning() throws {
        let node = try NodeFixture()
        let launched = try BuiltProduct.launchReport(["monitor", "--root", node.path, "--interval", "1s", "--count", "3"])
        var seen = Data()
        while !seen.contains(UInt8(ascii: "\n")) {
            let chunk = launched.standardOutputPipe.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        // The start record is out, so the first sample saw tsc; the change lands in one of the 3 intervals.
        try node.write("/sys/devices/system/clocksource/clocksource0/current_clocksource", "hpet\n")
        seen += try launched.standardOutputPipe.readToEnd() ?? Data()
        launched.process.waitUntilExit()
        #expect(launched.process.terminationStatus == 0)
        let records = try Self.records(String(decoding: seen, as: UTF8.self))
        let warnings = records.filter { $0["type"] as? String == "warning" }
        #expect(warnings.count == 1, "\(records)")
        #expect((warnings.first?["message"] as? String)?.contains("from tsc to hpet") == true)
        #expect((records.last?["interval"] as? [String: Any])?["clocksource"] as? String == "hpet")
    }

    @Test("on a terminal it redraws a table (run under script(1), which gives it a pseudo-terminal)",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) from bsdutils is not installed"))
    func terminalTable() throws {
        let executable = try #require(BuiltProduct.path("perfv-report"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "\(executable) monitor --interval 100ms --count 2", "/dev/null"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: try output.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        // Two redraws, each from the top of a cleared screen, and no JSON.
        #expect(text.components(separatedBy: "\u{1B}[H\u{1B}[2J").count == 3, "\(text)")
        #expect(text.contains("CPU") && text.contains("cpu0") && text.contains("clocksource"))
        #expect(!text.contains("{\"type\""))
    }

    @Test("Ctrl-C (SIGINT) ends it cleanly with status 0; a bad interval is refused")
    func interrupt() throws {
        let launched = try BuiltProduct.launchReport(["monitor", "--interval", "200ms"])
        var seen = Data()
        while !(String(decoding: seen, as: UTF8.self).contains("\"interval\"")) {
            let chunk = launched.standardOutputPipe.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        kill(launched.process.processIdentifier, SIGINT)
        launched.process.waitUntilExit()
        #expect(launched.process.terminationReason == .exit)
        #expect(launched.process.terminationStatus == 0)

        let bad = try BuiltProduct.runReport(["monitor", "--interval", "soon"])
        #expect(bad.status != 0 && bad.stderr.contains("--interval soon"))
    }
}
