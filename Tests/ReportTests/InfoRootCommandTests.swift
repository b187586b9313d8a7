import Foundation
import Testing
import PerfV
import SystemReport

/// `perfv-report info --root` over every data/environments entry, through the
/// built CLI: the printed verdict is the entry's expected.json, and the text
/// says nothing false about a root that has no CPUID leaves or no measurements.
@Suite("perfv-report info --root: the environment atlas through the CLI")
struct InfoRootCommandTests {
    static let atlasDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/environments").path

    static var entries: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: atlasDirectory)) ?? []).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: atlasDirectory + "/" + name, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// The one key of `info --json` this suite reads.
    private struct PrintedVerdict: Decodable { let verdict: EnvironmentVerdict }

    /// Runs `perfv-report info --root directory` (with `extra` arguments); fails on a non-zero exit.
    static func info(_ directory: String, _ extra: [String] = []) throws -> String {
        let (status, stdout, stderr) = try BuiltProduct.runReport(["info", "--root", directory] + extra)
        #expect(status == 0, "info --root \(directory): \(stderr)")
        return stdout
    }

    /// The text's rows with wrapped values joined back onto their label's line.
    static func rows(_ text: String) -> [String] {
        var rows: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(String(repeating: " ", count: 24)), let last = rows.popLast() {
                rows.append(last + " " + line.drop { $0 == " " })
            } else {
                rows.append(String(line))
            }
        }
        return rows
    }

    /// The row whose label is `label`, without the label; nil when absent.
    static func row(_ label: String, in text: String) -> String? {
        rows(text).first { $0.hasPrefix("  " + label + " ") }
            .map { String($0.dropFirst(2 + label.count).drop { $0 == " " }) }
    }

    /// Where `directory`'s CLI output disagrees with its expected.json: the
    /// printed JSON verdict, and the text's verdict row (hypervisor, PMU
    /// reason keyword, clock access). Empty when they agree.
    static func verdictMismatches(_ directory: String) throws -> [String] {
        let expected = try EnvironmentVerdict.read(directory: directory)
        let json = try info(directory, ["--json"])
        let printed = try SystemInfo.makeJSONDecoder().decode(PrintedVerdict.self, from: Data(json.utf8)).verdict
        var mismatches: [String] = []
        if printed != expected { mismatches.append("--json verdict \(printed) != expected.json \(expected)") }
        let verdictRow = row("verdict", in: try info(directory)) ?? ""
        let hypervisor = expected.hypervisor ?? (expected.hypervisorPresent ? "unknown" : "none")
        for part in ["hypervisor \(hypervisor) (\(expected.hypervisorSource))", "PMU \(expected.pmuReason)",
                     "clock \(expected.clockAccess)"] where !verdictRow.contains(part) {
            mismatches.append("text verdict row \"\(verdictRow)\" lacks \"\(part)\"")
        }
        return mismatches
    }

    @Test("info --root prints each entry's expected verdict, as JSON and as the text's verdict row", arguments: entries)
    func verdictMatchesExpected(entry: String) throws {
        #expect(try Self.verdictMismatches(Self.atlasDirectory + "/" + entry) == [], "\(entry)")
    }

    @Test("a wrong expected.json is caught, in the JSON verdict and in the text's verdict row")
    func wrongExpectationFails() throws {
        let temporary = try TemporaryDirectory()
        let copy = temporary.file("xen-pv")
        try FileManager.default.copyItem(atPath: Self.atlasDirectory + "/xen-pv", toPath: copy)
        var wrong = try EnvironmentVerdict.read(directory: copy)
        wrong.hypervisor = "VMware"
        wrong.clockAccess = "vdso"
        try SystemInfo.makeJSONEncoder().encode(wrong).write(to: URL(fileURLWithPath: copy + "/" + EnvironmentVerdict.fileName))
        let mismatches = try Self.verdictMismatches(copy)
        #expect(mismatches.contains { $0.hasPrefix("--json verdict") })
        #expect(mismatches.contains { $0.contains("lacks \"hypervisor VMware") })
        #expect(mismatches.contains { $0.contains("lacks \"clock vdso\"") })
    }

    @Test("no entry's text shows a made-up number, a doubled parenthesis or 'unavailable' for what was not measured",
          arguments: entries)
    func textHasNoFalseDefaults(entry: String) throws {
        let text = try Self.info(Self.atlasDirectory + "/" + entry)
        #expect(!text.contains("0.000 MHz"), "\(entry): an unknown TSC frequency printed as 0")
        #expect(!text.contains("(no brand string)"), "\(entry)")
        for row in Self.rows(text) {
            #expect(!row.contains("((") && !row.contains("))"), "\(entry): doubled parentheses in \(row)")
            #expect(!(row.contains("unavailable:") && row.contains(ProbeSource.notMeasured)),
                    "\(entry): not measured is unknown, not unavailable: \(row)")
        }
        // An empty section is a claim of "nothing"; offline it is "not measured".
        let components = try #require(text.components(separatedBy: "PerfV counter components\n").last)
        #expect(!components.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(entry): empty components section")
    }

    @Test("xen-pv has no CPUID table: every statement names the root evidence it came from")
    func xenPVNamesItsEvidence() throws {
        let text = try Self.info(Self.atlasDirectory + "/xen-pv")
        let running = try #require(Self.row("running in a VM", in: text))
        #expect(running.hasPrefix("yes (root evidence"), "\(running)")
        #expect(running.contains("/sys/hypervisor/type: xen"), "\(running)")
        #expect(!running.contains("CPUID.1:ECX[31]"), "no CPUID was read: \(running)")
        #expect(Self.row("vendor", in: text)?.hasPrefix("Xen (named by root evidence") == true)
        let invariant = try #require(Self.row("TSC invariant", in: text))
        #expect(invariant.hasPrefix("yes (derived from /proc/cpuinfo flags"), "\(invariant)")
        #expect(invariant.contains("constant_tsc") && invariant.contains("nonstop_tsc"), "\(invariant)")
        #expect(Self.row("TSC frequency", in: text) == "unknown (not measured offline)")
        #expect(Self.row("CPUID leaf 0xA", in: text) == "not read: no CPUID leaves")
        let reason = try #require(Self.row("reason", in: text))
        #expect(!reason.contains("CPUID"), "the PMU reason cites no CPUID it did not read: \(reason)")
        #expect(Self.row("identity", in: text)?.hasSuffix("(from /proc/cpuinfo)") == true)
    }

    @Test("info --json carries the verdict and the unknown TSC frequency as null with its reason")
    func jsonCarriesVerdictAndUnknowns() throws {
        let json = try Self.info(Self.atlasDirectory + "/xen-pv", ["--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["hypervisor"] as? String == "Xen")
        #expect(verdict["hypervisor_source"] as? String == "root evidence")
        let tsc = try #require(object["tsc"] as? [String: Any])
        #expect(tsc["frequency"] is NSNull)
        #expect(tsc["frequency_error"] as? String == ProbeSource.notMeasured)
        #expect(tsc["invariant_evidence"] as? String == TSCInfo.flagsInvariantEvidence)
        let pmu = try #require(object["pmu"] as? [String: Any])
        #expect(pmu["cpuid_arch_perfmon_version"] is NSNull)
    }

    @Test("AMD entries do not report Intel's leaf 0xA as a zero version")
    func amdLeafA() throws {
        let text = try Self.info(Self.atlasDirectory + "/bare-metal-amd")
        #expect(Self.row("CPUID leaf 0xA", in: text) == nil)
        #expect(Self.row("CPUID", in: text)?.hasPrefix("AMD core counters yes") == true)
    }
}
