import Foundation
import Testing
@testable import perfv_bench

@Suite("Bench report")
struct ReportTests {
    private func row(perfv: [Double], baseline: [Double], direction: PairedSamples.Direction = .perfvOverBaseline,
                     target: Target?) throws -> BenchmarkRow {
        try BenchmarkRow(name: "test.row", group: "0. Test", perfv: "p", baseline: "b",
                         samples: PairedSamples(perfv: perfv, baseline: baseline), ratioIs: direction, target: target)
    }

    @Test func rowRatioIsTheMedianOfPairedRatios() throws {
        // Per-repetition ratios 2, 1, 1.2 → median 1.2; not the ratio of the medians (12/10).
        let result = try row(perfv: [20, 12, 12], baseline: [10, 12, 10], target: .atMost(1.10))
        #expect(result.ratio == 1.2)
        #expect(result.perfvNs == 12)
        #expect(result.baselineNs == 10)
        #expect(result.met == false)
        #expect(result.ratioSpread?.min == 1)
        #expect(result.ratioSpread?.max == 2)
    }

    @Test func speedUpRowsDivideTheOtherWay() throws {
        let result = try row(perfv: [1, 2], baseline: [12, 20], direction: .baselineOverPerfv, target: .atLeast(10))
        #expect(result.ratio == 11)
        #expect(result.met == true)
    }

    @Test func differenceTargetsCompareTheMedianPairedDifference() throws {
        // Per-repetition differences 3, 1, 2 → median 2 ns; the median ratio would pass ≤ 2.
        let result = try row(perfv: [4, 3, 4], baseline: [1, 2, 2], target: .atMost(1.5, of: .difference))
        #expect(result.difference == 2)
        #expect(result.met == false)
        #expect(result.targetText == "perfv − baseline ≤ 1.5 ns (is 2.0 ns)")
    }

    @Test func absoluteTargetsComparePerfVsMedian() throws {
        let closure = try BenchmarkRow(name: "f", group: "8", perfv: "p", baseline: "b", unit: .bytes,
                                       samples: PairedSamples(perfv: [14_000_000], baseline: [3_000_000]),
                                       target: .atMost(15_000_000, of: .perfv))
        #expect(closure.met == true)
        #expect(closure.targetText == "perfv ≤ 14.31 MiB")
    }

    @Test func targetsSavedWithoutQuantityBoundTheRatio() throws {
        let target = try JSONDecoder().decode(Target.self, from: Data(#"{"relation": "<=", "value": 1.1}"#.utf8))
        #expect(target == .atMost(1.1))
    }

    @Test func rowsWithoutTargetHaveNoVerdict() throws {
        #expect(try row(perfv: [1], baseline: [1], target: nil).met == nil)
        let missing = BenchmarkRow(unavailable: "x", group: "g", perfv: "p", baseline: "b", target: .atMost(1.1),
                                   reason: "no KVM")
        #expect(missing.ratio == nil && missing.met == nil && missing.note == "no KVM")
    }

    @Test func jsonHasTheIssueKeysAndRoundTrips() throws {
        let machine = MachineDescription(cpuModel: "cpu", cpuCount: 2, kernel: "6.x", hypervisor: "KVMKVMKVM",
                                         kvmFlavor: nil, papiVersion: "7.0.0.0", loadAverageAtStart: [1, 2, 3],
                                         loadAverageAtEnd: [1, 1, 1], build: "release")
        let memory = try BenchmarkRow(name: "m", group: "6", perfv: "p", baseline: "b", unit: .bytes,
                                      samples: PairedSamples(perfv: [4096], baseline: [2048]))
        let report = BenchmarkReport(command: "perfv-bench --json", startedAt: "2026-01-01T00:00:00Z", quick: false,
                                     machine: machine, method: ["m"],
                                     rows: [try row(perfv: [11], baseline: [10], target: .atMost(1.1)), memory])
        let data = try report.json()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        for key in ["name", "perfv_ns", "baseline_ns", "baseline", "ratio", "target", "met"] {
            #expect(rows[0][key] != nil, "row JSON lacks \(key)")
        }
        #expect(rows[0]["perfv_ns"] as? Double == 11)
        #expect(rows[0]["met"] as? Bool == true)
        #expect(rows[1]["perfv_bytes"] as? Double == 4096)
        #expect(rows[1]["perfv_ns"] == nil)
        #expect(try BenchmarkReport.decode(data) == report)
    }

    @Test func tableShowsMissedTargetsAndReasons() throws {
        let machine = MachineDescription(cpuModel: "cpu", cpuCount: 2, kernel: "6.x", hypervisor: nil,
                                         kvmFlavor: nil, papiVersion: nil, loadAverageAtStart: [], build: "release")
        let missed = try row(perfv: [12], baseline: [10], target: .atMost(1.10))
        let missing = BenchmarkRow(unavailable: "gone", group: "0. Test", perfv: "p", baseline: "b", reason: "why not")
        let text = TableRenderer.render(BenchmarkReport(command: "c", startedAt: "t", quick: false, machine: machine,
                                                        method: [], rows: [missed, missing]))
        #expect(text.contains("1.200×"))
        #expect(text.contains("NO"))
        #expect(text.contains("why not"))
    }

    @Test func slugsAreStableIdentifiers() {
        #expect(Slug.make("clock_gettime(CLOCK_MONOTONIC) via vDSO") == "clock_gettime_clock_monotonic_via_vdso")
        #expect(Slug.make("PAPI_get_real_nsec()") == "papi_get_real_nsec")
    }
}
