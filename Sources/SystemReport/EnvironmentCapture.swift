import Foundation
import PerfV

/// Writes this machine as an environment entry: the kernel files detection
/// reads (small ones only), the CPUID table, the probe record, the verdict and
/// a provenance note — the attachment an admin adds to a bug report, and the
/// way entries of data/environments/ are captured.
public enum EnvironmentCapture {
    /// Single files detection reads (each copied when present, at most `fileLimit` bytes).
    public static let files: [String] = [
        ProcCPUInfo.path, "/proc/stat", Clocksource.currentPath, Clocksource.availablePath,
        PMUInfo.paranoidPath, VirtualizationEvidence.hypervisorTypePath, VirtualizationEvidence.procPCIPath,
        ContainerInfo.initCgroupPath, ContainerInfo.dockerEnvPath, ContainerInfo.podmanEnvPath,
        ContainerInfo.cgroupRoot + "/cgroup.controllers", ContainerInfo.cgroupRoot + "/cpu.max",
        ContainerInfo.cgroupRoot + "/cpu/cpu.cfs_quota_us", ContainerInfo.cgroupRoot + "/cpu/cpu.cfs_period_us",
        ContainerInfo.cgroupRoot + "/cpu,cpuacct/cpu.cfs_quota_us", ContainerInfo.cgroupRoot + "/cpu,cpuacct/cpu.cfs_period_us",
        "/proc/xen/capabilities", "/sys/devices/system/cpu/online", "/sys/devices/system/node/online",
        "/sys/module/kvm/parameters/enable_pmu",
    ] + DMIIdentity.fileNames.map { DMIIdentity.directory + "/" + $0 }

    /// Largest file copied.
    public static let fileLimit = 1024 * 1024

    /// Every path to copy under `root`: `files` plus the per-CPU topology,
    /// event sources, PCI vendors and KVM module parameters found there.
    public static func paths(root: SystemRoot) -> [String] {
        var paths = files
        for cpu in root.directoryEntries("/sys/devices/system/cpu") where cpu.hasPrefix("cpu") && Int(cpu.dropFirst(3)) != nil {
            paths += ["physical_package_id", "core_id"].map { "/sys/devices/system/cpu/\(cpu)/topology/\($0)" }
        }
        for source in root.directoryEntries(PMUInfo.eventSourcePath) {
            paths.append("\(PMUInfo.eventSourcePath)/\(source)/type")
        }
        for device in root.directoryEntries(VirtualizationEvidence.sysPCIPath) {
            paths.append("\(VirtualizationEvidence.sysPCIPath)/\(device)/vendor")
        }
        for module in ["kvm", "kvm_intel", "kvm_amd", "kvm_pvm"] {
            for parameter in root.directoryEntries("/sys/module/\(module)/parameters") {
                paths.append("/sys/module/\(module)/parameters/\(parameter)")
            }
        }
        return paths.filter { root.exists($0) }
    }

    /// Captures the live machine into `directory` (created), gathering with
    /// live probes; returns what was gathered. `command` goes in the provenance.
    /// `probeKVM` opens /dev/kvm (the VMM's `KVMSystem.probe`; PerfV only reads files).
    @discardableResult
    public static func capture(into directory: String, command: String, root: SystemRoot = .live,
                               probeKVM: (KVMHostInfo) -> KVMHostInfo = { $0 }) throws -> SystemInfo {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var skipped: [String] = []
        for path in paths(root: root) {
            let target = directory + path
            try manager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            do {
                let text = try root.readText(path, limit: fileLimit)
                guard text.utf8.count <= fileLimit else { skipped.append("\(path) (over \(fileLimit) bytes)"); continue }
                try Data(text.utf8).write(to: URL(fileURLWithPath: target))
            } catch {
                skipped.append("\(path) (\(error))")
            }
        }
        let cpuid = HardwareCPUID()
        try RecordedCPUID.dump(from: cpuid).text.write(toFile: directory + "/" + RecordedCPUID.fileName, atomically: true, encoding: .utf8)
        var info = SystemInfo.gather(root: root, cpuid: cpuid, probes: .live, measureClocks: true)
        info.kvm = probeKVM(info.kvm)
        let encoder = SystemInfo.makeJSONEncoder()
        try encoder.encode(info.probeRecord()).write(to: URL(fileURLWithPath: directory + "/" + ProbeRecord.fileName))
        try encoder.encode(info.verdict).write(to: URL(fileURLWithPath: directory + "/" + EnvironmentVerdict.fileName))
        try provenance(command: command, skipped: skipped).write(toFile: directory + "/PROVENANCE.md", atomically: true, encoding: .utf8)
        return info
    }

    static func provenance(command: String, skipped: [String]) -> String {
        let host = ProcessInfo.processInfo.hostName
        let time = ISO8601DateFormatter().string(from: Date())
        let pmu = ProcessInfo.processInfo.environment["LIBPFM_FORCE_PMU"].map { "LIBPFM_FORCE_PMU=\($0)" } ?? "LIBPFM_FORCE_PMU unset"
        var text = """
        # Provenance
        Captured live on host `\(host)` at \(time) by PerfV \(PerfVVersion.string) with
        `\(command)` (\(pmu)).

        - Root files: copied from `/` (only the files detection reads; no serials or UUIDs).
        - `cpuid`: dumped from this CPU with the CPUID instruction.
        - `probes.json`: perf_event_open, PAPI, /dev/kvm, libnuma, steal and clock costs measured live here.
        - `expected.json`: the verdict PerfV reached live at capture time.

        """
        if !skipped.isEmpty {
            text += "Not copied:\n" + skipped.map { "- \($0)" }.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// Packs `directory` into a .tar.gz at `archive` with /bin/tar (its last
    /// path component becomes the archive's top directory).
    public static func pack(directory: String, into archive: String) throws {
        let url = URL(fileURLWithPath: directory)
        try runTar(["-czf", archive, "-C", url.deletingLastPathComponent().path, url.lastPathComponent])
    }

    /// Unpacks a capture archive into a new temporary directory; returns the entry directory in it.
    public static func unpack(archive: String) throws -> String {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("perfv-capture-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try runTar(["-xzf", archive, "-C", target])
        let entries = try FileManager.default.contentsOfDirectory(atPath: target)
        return entries.count == 1 ? target + "/" + entries[0] : target
    }

    private static func runTar(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/tar")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PerfVError.unavailable(feature: "tar " + arguments.joined(separator: " "),
                                         reason: "/bin/tar exited with status \(process.terminationStatus)")
        }
    }
}
