import Foundation
import Testing
@testable import PerfV
import SystemReport

/// The environment atlas: every entry of data/environments/ detected offline
/// must reach the verdict its expected.json states.
@Suite("System: environment atlas and offline diagnosis")
struct SystemEnvironmentAtlasTests {
    /// data/environments, found from this file's place in the package.
    static let atlasDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/environments").path

    static var entries: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: atlasDirectory)) ?? [])
            .filter { name in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: atlasDirectory + "/" + name, isDirectory: &isDirectory)
                    && isDirectory.boolValue
            }
            .sorted()
    }

    @Test("the atlas has at least 15 entries, each with provenance, probes and a verdict")
    func atlasIsComplete() {
        #expect(Self.entries.count >= 15)
        for entry in Self.entries {
            let directory = Self.atlasDirectory + "/" + entry
            for file in ["PROVENANCE.md", ProbeRecord.fileName, EnvironmentVerdict.fileName] {
                #expect(FileManager.default.fileExists(atPath: directory + "/" + file), "\(entry) lacks \(file)")
            }
        }
    }

    @Test("detection over each entry reaches its expected verdict", arguments: entries)
    func entryVerdict(entry: String) throws {
        let directory = Self.atlasDirectory + "/" + entry
        let info = try SystemInfo.gather(rootDirectory: directory)
        let expected = try EnvironmentVerdict.read(directory: directory)
        #expect(info.verdict == expected, "\(entry)")
        // Offline detection never probes or measures this machine.
        #expect(info.origin == directory)
        #expect(info.pmu.probeSource != "live")
        #expect(info.tsc.frequency?.source != .calibrated || info.tsc.frequency?.calibrationNanoseconds != nil)
        // Unknown is nil with its reason, never a 0 Hz frequency.
        #expect((info.tsc.frequency == nil) == (info.tsc.frequencyError != nil))
    }

    @Test("without CPUID leaves the root's evidence decides, and says so")
    func evidenceFallback() throws {
        let fixture = try FixtureRoot()
        try fixture.write(ProcCPUInfo.path, "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\nflags\t\t: fpu tsc hypervisor\n")
        try fixture.write("/sys/class/dmi/id/sys_vendor", "Amazon EC2\n")
        try fixture.write("/sys/class/dmi/id/product_name", "c5.xlarge\n")
        try fixture.write("/proc/bus/pci/devices", "0000\t1d0fec20\t0\n")
        let info = try SystemInfo.gather(rootDirectory: fixture.path)
        #expect(info.hypervisor.source == "root evidence")
        #expect(info.hypervisor.present)
        #expect(info.hypervisor.vendorName == "KVM")
        #expect(info.hypervisor.evidence?.facts.contains("PCI vendor 0x1d0f: Amazon (Nitro ENA/NVMe)") == true)
        #expect(info.cloud.provider == "aws")
        #expect(info.cloud.instanceType == "c5.xlarge")
        #expect(info.cpu.vendor == "GenuineIntel")
        #expect(info.clocksError == ProbeSource.notMeasured)
        #expect(info.pmu.reasonKeyword == "not-probed")
        #expect(info.papi.error?.contains(ProbeSource.notMeasured) == true)
    }

    @Test("Xen evidence from /sys/hypervisor and /proc/xen; hypervisor flag alone names no vendor")
    func xenEvidence() throws {
        let fixture = try FixtureRoot()
        try fixture.write("/sys/hypervisor/type", "xen\n")
        try fixture.write("/proc/xen/capabilities", "\n")
        var evidence = VirtualizationEvidence.gather(root: fixture.root, cpuFlags: [], dmi: nil)
        #expect(evidence.hypervisor == "Xen")
        let empty = try FixtureRoot()
        evidence = VirtualizationEvidence.gather(root: empty.root, cpuFlags: ["hypervisor"], dmi: nil)
        #expect(evidence.hypervisor == nil)
        #expect(HypervisorInfo(evidence: evidence).present)
    }

    @Test("without CPUID leaves TSC invariance, the CPU identity and leaf 0xA come from the root or stay unknown")
    func noCPUIDLeaves() throws {
        let fixture = try FixtureRoot()
        try fixture.write(ProcCPUInfo.path, "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 106\n"
            + "stepping\t: 6\nflags\t\t: fpu tsc constant_tsc hypervisor\n")
        try fixture.write(Clocksource.currentPath, "tsc\n")
        try fixture.write(Clocksource.availablePath, "tsc\n")
        var info = try SystemInfo.gather(rootDirectory: fixture.path)
        // constant_tsc alone is not invariant: the kernel sets nonstop_tsc with it from CPUID 0x80000007 EDX[8].
        #expect(!info.tsc.invariant)
        #expect(info.tsc.invariantEvidence == TSCInfo.flagsInvariantEvidence)
        #expect(info.tsc.reason?.contains(TSCInfo.flagsInvariantEvidence) == true)
        #expect(info.tsc.reason?.contains("CPUID") == false)
        #expect(info.tsc.frequency == nil && info.tsc.frequencyError == ProbeSource.notMeasured)
        #expect(info.cpu.identitySource == ProcCPUInfo.path)
        #expect(info.cpu.signature == "GenuineIntel family 6 model 106 stepping 6")
        #expect(info.pmu.cpuidArchPerfmonVersion == nil && info.pmu.cpuidGeneralCounters == nil)

        try fixture.write(ProcCPUInfo.path, "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu tsc constant_tsc nonstop_tsc\n")
        info = try SystemInfo.gather(rootDirectory: fixture.path)
        #expect(info.tsc.invariant && info.tsc.tscToNanosecondsAvailable)
        #expect(info.cpu.family == nil && info.cpu.stepping == nil, "unknown, not 0")
        #expect(info.cpu.signature == "GenuineIntel")
    }

    @Test("malformed entry files are typed errors naming the file")
    func malformedFiles() throws {
        let fixture = try FixtureRoot()
        try fixture.write("/cpuid", "0x0 0x0 nothex\n")
        #expect { try SystemInfo.gather(rootDirectory: fixture.path) } throws: { isMalformed($0, path: fixture.path + "/cpuid") }
        let second = try FixtureRoot()
        try second.write("/probes.json", "{ not json")
        #expect { try SystemInfo.gather(rootDirectory: second.path) } throws: { isMalformed($0, path: second.path + "/probes.json") }
        let third = try FixtureRoot()
        try third.write("/sys/fs/cgroup/cgroup.controllers", "cpu\n")
        try third.write("/sys/fs/cgroup/cpu.max", "lots 100000\n")
        #expect { try ContainerInfo.gather(root: third.root) } throws: { isMalformed($0, path: "/sys/fs/cgroup/cpu.max") }
    }

    @Test("a recorded CPUID table reads back what was dumped")
    func cpuidRoundTrip() throws {
        let dump = RecordedCPUID.dump(from: HardwareCPUID())
        let parsed = try RecordedCPUID.parse(dump.text, path: "cpuid")
        #expect(parsed == dump)
        #expect(CPUIdentity(cpuid: parsed) == CPUIdentity(cpuid: HardwareCPUID()))
        #expect(HypervisorInfo(cpuid: parsed) == HypervisorInfo(cpuid: HardwareCPUID()))
    }

    @Test("capture, pack, unpack and info --root agree with live on hypervisor, PMU, KVM, clocksource, NUMA and PAPI")
    func captureRoundTrip() throws {
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("perfv-atlas-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        let directory = staging.appendingPathComponent("capture").path
        let live = try EnvironmentCapture.capture(into: directory, command: "swift test (capture round trip)")
        let archive = staging.appendingPathComponent("capture.tar.gz").path
        try EnvironmentCapture.pack(directory: directory, into: archive)
        let unpacked = try EnvironmentCapture.unpack(archive: archive)
        defer { try? FileManager.default.removeItem(atPath: (unpacked as NSString).deletingLastPathComponent) }

        let offline = try SystemInfo.gather(rootDirectory: unpacked)
        let encoder = SystemInfo.makeJSONEncoder()
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        #expect(try json(offline.hypervisor) == json(live.hypervisor))
        var livePMU = live.pmu
        livePMU.probeSource = offline.pmu.probeSource
        #expect(try json(offline.pmu) == json(livePMU))
        #expect(try json(offline.kvm) == json(live.kvm))
        #expect(try json(offline.clocksource) == json(live.clocksource))
        #expect(try json(offline.numa) == json(live.numa))
        #expect(try json(offline.papi) == json(live.papi))
        #expect(offline.verdict == live.verdict)
    }
}
