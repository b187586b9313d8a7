import CPUContention
import Foundation
@testable import PerfV
import Testing

@Suite("Named regions: the Swift API, statistics, the report")
struct NamedRegionsTests {
    /// Regions recorded in a registry of the test's own: the shared one would
    /// write them into the working directory when the test process exits.
    final class Recorder {
        let registry = NamedRegionRegistry()

        func begin(_ name: String) throws(NamedRegionError) {
            try Self.bytes(of: name) { bytes throws(NamedRegionError) in try registry.current().begin(bytes) }
        }

        func end(_ name: String) throws(NamedRegionError) {
            try Self.bytes(of: name) { bytes throws(NamedRegionError) in try registry.current().end(bytes) }
        }

        private static func bytes(of name: String, _ body: (UnsafeRawBufferPointer) throws(NamedRegionError) -> Void)
            throws(NamedRegionError) {
            var name = name
            try name.withUTF8 { utf8 in Result { () throws(NamedRegionError) in try body(UnsafeRawBufferPointer(utf8)) } }.get()
        }
    }

    @Test("a thread's record lives until the thread exits, even past its registry, and no longer")
    func threadOutlivesRegistry() throws {
        final class WeakRecord: @unchecked Sendable { weak var record: NamedRegionThread? }
        var recorder: Recorder? = Recorder()
        let seen = WeakRecord()
        let used = DispatchSemaphore(value: 0), exit = DispatchSemaphore(value: 0)
        let thread = try PinnedThread.start { [weak recorder, seen] in
            try? recorder?.begin("outlived")
            try? recorder?.end("outlived")
            seen.record = try? recorder?.registry.current()
            used.signal()
            exit.wait()
        }
        used.wait()
        #expect(seen.record != nil)
        recorder = nil
        // The thread still runs: its exit will retire this record, so it must not be freed yet.
        #expect(seen.record != nil, "the record died with the registry while its thread still runs")
        exit.signal()
        pthread_join(thread, nil)
        #expect(seen.record == nil, "the thread's exit released its record")
    }

    @Test("misuse throws typed errors and leaves the open regions open")
    func misuse() throws {
        // A fresh thread: its named regions start empty whatever other tests did.
        // Refused names throw before any region state is touched.
        #expect(throws: NamedRegionError.emptyName) { try NamedRegions.begin("") }
        let long = String(repeating: "x", count: NamedRegions.maximumNameLength + 1)
        #expect(throws: NamedRegionError.nameTooLong(length: long.utf8.count, limit: NamedRegions.maximumNameLength)) {
            try NamedRegions.end(long)
        }
        let recorder = Recorder()
        #expect(throws: NamedRegionError.notBegun(name: "solve")) { try recorder.end("solve") }
        try recorder.begin("solve")
        try recorder.begin("step")
        #expect(throws: NamedRegionError.mismatchedNesting(ended: "solve", innermost: "step")) { try recorder.end("solve") }
        try recorder.end("step")
        try recorder.end("solve")
        #expect(throws: NamedRegionError.notBegun(name: "solve")) { try recorder.end("solve") }
    }

    @Test("nesting deeper than the limit is refused")
    func depthLimit() throws {
        let recorder = Recorder()
        for level in 0..<NamedRegions.maximumDepth { try recorder.begin("level \(level)") }
        #expect(throws: NamedRegionError.nestingTooDeep(limit: NamedRegions.maximumDepth)) { try recorder.begin("one more") }
        for level in (0..<NamedRegions.maximumDepth).reversed() { try recorder.end("level \(level)") }
    }

    @Test("a thread's calls are summarized per name and parent, in its report")
    func threadReport() throws {
        let recorder = Recorder()
        for _ in 0..<3 {
            try recorder.begin("outer")
            try recorder.begin("inner")
            try recorder.end("inner")
            try recorder.end("outer")
        }
        try recorder.begin("inner")   // top level: another region than outer's "inner"
        try recorder.end("inner")
        let report = try #require(recorder.registry.report())
        try #require(report.threads.count == 1)
        let regions = report.threads[0].regions
        #expect(regions.map(\.name) == ["outer", "inner", "inner"])
        #expect(regions.map(\.parent) == [-1, 0, -1])
        #expect(regions.map(\.count) == [3, 3, 1])
        for region in regions {
            #expect(region.adjusted.total <= region.wall.total && region.wall.minimum <= region.wall.median)
        }
    }

    @Test("the run directory is named by what the ranks share: Slurm job and step, PMIx namespace, else the time")
    func runDirectoryName() {
        func name(_ variables: [String: String]) -> String { NamedRegionConfiguration.runName { variables[$0] } }
        #expect(name(["SLURM_JOB_ID": "81234", "SLURM_STEP_ID": "0", "PMIX_NAMESPACE": "607846401"]) == "slurm-81234.0")
        #expect(name(["SLURM_JOB_ID": "81234"]) == "slurm-81234")
        #expect(name(["PMIX_NAMESPACE": "prterun-node1-4242@1"]) == "pmix-prterun-node1-4242_1", "one path component")
        #expect(name(["PMIX_NAMESPACE": "../x/y"]) == "pmix-.._x_y", "no separator survives")
        // YYYYMMDD-HHMMSS
        func isLocalTime(_ text: String) -> Bool {
            text.count == 15 && text.enumerated().allSatisfy { $0.offset == 8 ? $0.element == "-" : $0.element.isASCII && $0.element.isNumber }
        }
        #expect(isLocalTime(name(["SLURM_JOB_ID": ""])), "an empty id is no id: the local time")
        #expect(isLocalTime(name([:])))
    }

    @Test("distribution: median of odd and even counts, zeros without calls")
    func distribution() {
        let odd = NamedRegionDistribution([5, 1, 3])
        #expect([odd.total, odd.minimum, odd.median, odd.maximum] == [9, 1, 3, 5])
        #expect(NamedRegionDistribution([4, 1, 3, 2]).median == 2)
        let none = NamedRegionDistribution([])
        #expect([none.total, none.minimum, none.median, none.maximum] == [0, 0, 0, 0])
    }

    @Test("the report is valid JSON in PAPI-HL's layout, names escaped")
    func json() throws {
        let record = NamedRegionThreadRecord(
            threadID: 42,
            regions: [NamedRegionStats(name: Array("a \"quoted\"\\name\n".utf8), parent: -1),
                      NamedRegionStats(name: Array("child".utf8), parent: 0)],
            samples: [NamedRegionSample(region: 0, wallNanoseconds: 10, adjustedNanoseconds: 8),
                      NamedRegionSample(region: 1, wallNanoseconds: 4, adjustedNanoseconds: 4)],
            counterTotals: [7, 3])
        let report = NamedRegionReport(rank: 3, eventNames: ["perf::task-clock"],
                                       threads: [(42, NamedRegionSummary.summaries(of: record, eventCount: 1))])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(json["rank"] as? Int == 3)
        let regions = try #require(((json["threads"] as? [String: Any])?["42"] as? [String: Any])?["regions"] as? [String: [String: Any]])
        #expect(regions["0"]?["name"] as? String == "a \"quoted\"\\name\n")
        #expect(regions["1"]?["parent_region_id"] as? Int == 0)
        #expect(regions["1"]?["perf::task-clock"] as? Int == 3)
        #expect(regions["0"]?["adjusted_nsec_median"] as? Int == 8)
    }
}
