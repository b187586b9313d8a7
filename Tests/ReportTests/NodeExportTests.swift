import Foundation
import SystemCalls
import Testing
@testable import NodeMetrics
@testable import Report

/// `perfv-report export`: the textfile passes promtool, /metrics serves the same
/// series, and the HTTP endpoint answers 404 and 400 where it should.
@Suite("Prometheus export")
struct NodeExportTests {
    static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// promtool check metrics on `text`: its exit status and what it said.
    static func promtoolCheck(_ text: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(promtool))
        process.arguments = ["check", "metrics"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: try output.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, said)
    }

    /// The series of an exposition: each sample line without its value.
    static func series(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            line.lastIndex(of: " ").map { String(line[..<$0]) }
        })
    }

    @Test("the textfile has vm_info and clock costs in base units and passes promtool check metrics",
          .enabled(if: promtool != nil, "promtool is not installed (Debian package prometheus, scripts/install-deps)"))
    func textfilePassesPromtool() throws {
        let directory = try TemporaryDirectory()
        let run = try BuiltProduct.runReport(["export", "--textfile", directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: directory.file("perfv.prom"), encoding: .utf8)
        #expect(text.contains("# TYPE perfv_vm_info gauge"))
        #expect(text.contains("perfv_clock_read_cost_seconds{clock=\"CLOCK_MONOTONIC\""))
        // No sample carries a timestamp: every sample line is "series value".
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.split(separator: "}").last!.split(separator: " ").count == 1, "\(line)")
        }
        // Only perfv.prom is left: the temporary file was renamed over it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["perfv.prom"])
        let check = try Self.promtoolCheck(text)
        #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")
    }

    @Test("a sweep's headline figures: medians in seconds, slowdown under a hog, guest efficiency; promtool accepts them",
          .enabled(if: promtool != nil, "promtool is not installed (Debian package prometheus, scripts/install-deps)"))
    func sweepHeadlines() throws {
        let results = try ReportWritersTests.syntheticResults()
        let text = PerfVMetrics(info: results.machine, sweeps: [.init(source: "results", results: results)]).render()
        let check = try Self.promtoolCheck(text)
        #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")
        // The synthetic sweep: a hog doubles wall time and steal accounts for all of it.
        #expect(text.contains(#"perfv_sweep_contention_slowdown_ratio{source="results",kernel="naive",size="128",side="host",measure="raw"} 2.0"#))
        #expect(text.contains(#"perfv_sweep_contention_slowdown_ratio{source="results",kernel="naive",size="128",side="host",measure="adjusted"} 1.0"#))
        // 10 µs per exit.
        #expect(text.contains(#"perfv_sweep_exit_cost_seconds{source="results",reason="io"} 1e-05"#))
        // Host adjusted median 128³+1000 ns against the guest's 50 µs more.
        let host = Double(128 * 128 * 128 + 1000)
        #expect(text.contains(#"perfv_sweep_guest_efficiency_ratio{source="results",kernel="naive",size="128"} \#(host / (host + 50_000))"#))
        #expect(text.contains(#"perfv_sweep_skipped_info{source="results",what="nothing really",reason="a test"} 1.0"#))
        // Families in name order, each with its HELP and TYPE before its samples: the same
        // text every time, so successive textfiles diff by value only.
        let families = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        #expect(families == families.sorted() && Set(families).count == families.count, "\(families)")
        #expect(PerfVMetrics(info: results.machine, sweeps: [.init(source: "results", results: results)]).render() == text)
    }

    @Test("--results reads a sweep folder through the CLI; a folder without results.json is a clear error")
    func resultsOption() throws {
        let directory = try TemporaryDirectory()
        try ResultsJSON.data(try ReportWritersTests.syntheticResults()).write(to: URL(fileURLWithPath: directory.file("results.json")))
        let out = try TemporaryDirectory()
        let run = try BuiltProduct.runReport(["export", "--textfile", out.path, "--results", directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: out.file("perfv.prom"), encoding: .utf8).contains("perfv_sweep_case_wall_seconds{"))
        let empty = try TemporaryDirectory()
        let failed = try BuiltProduct.runReport(["export", "--textfile", out.path, "--results", empty.path])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("cannot read sweep results \(empty.path)/results.json"))
        let notDirectory = try BuiltProduct.runReport(["export", "--textfile", directory.file("results.json")])
        #expect(notDirectory.status != 0 && notDirectory.stderr.contains("is not a directory"))
    }

    @Test("--probe runs the sweep's runners and exports them as source=probe, or says why the guest part was skipped",
          .enabled(if: promtool != nil, "promtool is not installed (Debian package prometheus, scripts/install-deps)"))
    func probe() throws {
        let directory = try TemporaryDirectory()
        let run = try BuiltProduct.runReport(["export", "--textfile", directory.path, "--probe"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: directory.file("perfv.prom"), encoding: .utf8)
        #expect(text.contains(#"perfv_sweep_info{source="probe",status="complete""#), "\(text)")
        #expect(text.contains(#"perfv_sweep_case_wall_seconds{source="probe",case="mmm/blocked/192/host/pinned-hog"}"#))
        #expect(text.contains(#"perfv_sweep_contention_slowdown_ratio{source="probe",kernel="blocked",size="192",side="host",measure="adjusted"}"#))
        // The exit round trip is measured where a guest can run; elsewhere the skip says why.
        #expect(text.contains(#"perfv_sweep_exit_cost_seconds{source="probe",reason="io"}"#)
            || text.contains(#"perfv_sweep_skipped_info{source="probe""#), "\(text)")
        let check = try Self.promtoolCheck(text)
        #expect(check.status == 0 && check.output.isEmpty, "\(check.output)")
    }

    /// Sends `request` to 127.0.0.1:`port` and reads the whole response.
    static func fetch(port: UInt16, request: String) throws -> String {
        let socket = try TCPSocket.connect(address: "127.0.0.1", port: port)
        try socket.writeAll(Array(request.utf8))
        var response: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let count = try socket.read(into: chunk)
            if count == 0 { break }
            response += chunk[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }

    @Test("--listen serves the textfile's series at /metrics with the 0.0.4 content type; 404 elsewhere, 400 for garbage")
    func listen() throws {
        let directory = try TemporaryDirectory()
        #expect(try BuiltProduct.runReport(["export", "--textfile", directory.path]).status == 0)
        let textfile = try String(contentsOfFile: directory.file("perfv.prom"), encoding: .utf8)

        let launched = try BuiltProduct.launchReport(["export", "--listen", "127.0.0.1:0", "--requests", "4"])
        defer { if launched.process.isRunning { launched.process.terminate() } }
        // The first line names the port the kernel picked.
        var firstLine = Data()
        while !firstLine.contains(UInt8(ascii: "\n")) {
            let byte = launched.standardOutputPipe.readData(ofLength: 1)
            if byte.isEmpty { break }
            firstLine += byte
        }
        let announced = String(decoding: firstLine, as: UTF8.self)
        let port = try #require(announced.split(separator: ":").last?.split(separator: "/").first.flatMap { UInt16($0) }, "\(announced)")

        let metrics = try Self.fetch(port: port, request: "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let parts = metrics.components(separatedBy: "\r\n\r\n")
        #expect(parts[0].hasPrefix("HTTP/1.1 200 OK"))
        #expect(parts[0].contains("Content-Type: text/plain; version=0.0.4"))
        #expect(parts[0].contains("Content-Length: \(parts[1].utf8.count)"))
        #expect(Self.series(parts[1]) == Self.series(textfile))
        #expect(parts[1].contains(#"perfv_vm_info{"#))

        #expect(try Self.fetch(port: port, request: "GET /other HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404 Not Found"))
        #expect(try Self.fetch(port: port, request: "hello there\r\n\r\n").hasPrefix("HTTP/1.1 400 Bad Request"))
        #expect(try Self.fetch(port: port, request: "POST /metrics HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 405"))
        launched.process.waitUntilExit()
        #expect(launched.process.terminationStatus == 0)
    }

    @Test("every metric is perfv_<what>_<base unit>, and docs/prometheus.md lists each one")
    func naming() throws {
        let docs = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/prometheus.md"), encoding: .utf8)
        for metric in PerfVMetric.allCases {
            #expect(metric.descriptor.name == metric.rawValue)
            #expect(metric.rawValue.hasPrefix("perfv_"))
            #expect(PerfVMetric.unitSuffixes.contains { metric.rawValue.hasSuffix("_" + $0) }, "\(metric.rawValue)")
            #expect(docs.contains("| `\(metric.rawValue)` |"), "docs/prometheus.md does not list \(metric.rawValue)")
        }
    }

    @Test("request heads: the path without its query; malformed request lines are named")
    func requestHead() throws {
        #expect(try HTTPRequestHead.parse(Array("GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
            == HTTPRequestHead(method: "GET", path: "/metrics"))
        for bad in ["GET /metrics\r\n\r\n", "GET metrics HTTP/1.1\r\n\r\n", "GET /metrics HTTP/2\r\n\r\n", "GET /metrics HTTP/1.1",
                    "get /metrics HTTP/1.1\r\n\r\n", "GET /m\u{1}etrics HTTP/1.1\r\n\r\n"] {
            #expect(throws: HTTPRequestHead.Malformed.self) { try HTTPRequestHead.parse(Array(bad.utf8)) }
        }
        #expect(throws: NodeMetricsError.badListenAddress("localhost:80")) { try MetricsHTTPServer(address: "localhost:80") { "" } }
        #expect(throws: NodeMetricsError.badListenAddress("127.0.0.1")) { try MetricsHTTPServer(address: "127.0.0.1") { "" } }
    }
}
