import SystemCalls
#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// Whether hardware performance counters work for this process, and if not,
/// the evidence for why.
public struct PMUInfo: Sendable, Equatable, Codable {
    public static let eventSourcePath = "/sys/bus/event_source/devices"
    public static let paranoidPath = "/proc/sys/kernel/perf_event_paranoid"

    /// perf_event_open of PERF_COUNT_HW_INSTRUCTIONS (user mode, calling thread) succeeded.
    public var available: Bool
    /// Why `available` is false, with what would help; nil when available.
    @AlwaysEncoded public var reason: String?
    /// A core PMU is registered: /sys/bus/event_source/devices/cpu (or cpu_core/cpu_atom on hybrid Intel).
    public var cpuEventSourcePresent: Bool
    /// Every perf event source the kernel registered.
    public var eventSources: [String]
    /// CPUID 0xA EAX[7:0]: Intel architectural performance monitoring version
    /// (0: none); nil when there are no CPUID leaves to read (an offline root without a table).
    @AlwaysEncoded public var cpuidArchPerfmonVersion: Int?
    /// CPUID 0xA EAX[15:8]: general-purpose counters per logical CPU; nil without CPUID leaves.
    @AlwaysEncoded public var cpuidGeneralCounters: Int?
    /// AMD only: CPUID 0x80000001 ECX[23] (PerfCtrExtCore, the core counters).
    public var amdCoreCounters: Bool?
    /// /proc/sys/kernel/perf_event_paranoid; nil when unreadable (see `paranoidError`).
    public var perfEventParanoid: Int?
    public var paranoidError: String?
    /// The kernel's answer to the instructions probe: "ok" or the errno and its meaning.
    public var hardwareProbe: String
    /// perf_event_open of PERF_COUNT_SW_TASK_CLOCK succeeded (software events work).
    public var softwareEventsAvailable: Bool
    /// The kernel's answer to the task-clock probe.
    public var softwareProbe: String
    /// CPUID 0xA decoded: version, counters and widths, missing architectural events; nil without the leaf.
    public var architecturalPerfmon: ArchPerfmonLeaf? = nil
    /// Where the probe outcomes come from: "live" or "recorded (probes.json)".
    public var probeSource: String = "live"

    /// Probes this machine, or replays the probes recorded for `root`; `cpuid`
    /// nil means no CPUID leaves, so the CPUID fields stay unknown rather than zero.
    public static func gather(cpuid: (any CPUIDSource)?, identity: CPUIdentity, hypervisor: HypervisorInfo,
                              root: SystemRoot = .live, probes: ProbeSource = .live) -> PMUInfo {
        let sources = root.directoryEntries(eventSourcePath)
        let leafA = identity.maxBasicLeaf >= 0xA ? cpuid?.query(leaf: 0xA) ?? .zero : .zero
        let isAMD = identity.vendor == "AuthenticAMD" || identity.vendor == "HygonGenuine"
        var paranoid: Int?
        var paranoidError: String?
        do {
            paranoid = try KernelText.integer(root.readText(paranoidPath, limit: KernelText.oneValueLimit), path: paranoidPath)
        } catch {
            paranoidError = "\(error)"
        }
        let hardware = probes.perfEventOpen(.instructions)
        let software = probes.perfEventOpen(.taskClock)

        var info = PMUInfo(
            available: hardware == 0, reason: nil,
            cpuEventSourcePresent: sources.contains { ["cpu", "cpu_core", "cpu_atom"].contains($0) },
            eventSources: sources,
            cpuidArchPerfmonVersion: cpuid == nil ? nil : Int(leafA.eax & 0xFF),
            cpuidGeneralCounters: cpuid == nil ? nil : Int((leafA.eax >> 8) & 0xFF),
            amdCoreCounters: isAMD && identity.maxExtendedLeaf >= 0x8000_0001
                ? cpuid.map { $0.query(leaf: 0x8000_0001).ecx & (1 << 23) != 0 } : nil,
            perfEventParanoid: paranoid, paranoidError: paranoidError,
            hardwareProbe: hardware.map(describe(errno:)) ?? ProbeSource.notMeasured,
            softwareEventsAvailable: software == 0,
            softwareProbe: software.map(describe(errno:)) ?? ProbeSource.notMeasured,
            architecturalPerfmon: identity.maxBasicLeaf >= 0xA ? ArchPerfmonLeaf(leafA) : nil,
            probeSource: probes.description)
        if let hardware, hardware != 0 {
            info.reason = info.unavailabilityReason(probeErrno: hardware, hypervisor: hypervisor)
        } else if hardware == nil {
            info.reason = ProbeSource.notMeasured("perf_event_open(instructions)")
        }
        return info
    }

    /// The reason hardware counting failed with `probeErrno`, naming the evidence.
    public func unavailabilityReason(probeErrno: Int32, hypervisor: HypervisorInfo) -> String {
        if probeErrno == EPERM, let level = perfEventParanoid, level <= 2 {
            // The paranoid check answers EACCES; EPERM at a level that allows
            // user-mode counting is a seccomp filter (Docker's default profile).
            return "perf_event_open refused (\(ErrnoName.name(of: probeErrno))) although perf_event_paranoid=\(level) allows "
                + "user-mode counting: a seccomp filter (a container runtime's default profile) or a missing CAP_PERFMON; "
                + "run the container with a seccomp profile that allows perf_event_open"
        }
        if probeErrno == EACCES || probeErrno == EPERM {
            let level = perfEventParanoid.map(String.init) ?? "unknown"
            return "perf_event_paranoid=\(level): run as root or lower it (sysctl kernel.perf_event_paranoid=2 allows user-mode counting)"
        }
        let cpuidShowsNoPMU = cpuidArchPerfmonVersion == 0 && amdCoreCounters != true
        var evidence: [String] = []
        if cpuidShowsNoPMU {
            evidence.append(amdCoreCounters == false
                ? "CPUID leaf 0xA is zero and CPUID 0x80000001 ECX[23] (AMD core counters) is clear"
                : "CPUID leaf 0xA is zero")
        }
        if !cpuEventSourcePresent { evidence.append("no \(PMUInfo.eventSourcePath)/cpu") }
        evidence.append("perf_event_open(instructions): \(ErrnoName.name(of: probeErrno))")
        let detail = "(" + evidence.joined(separator: ", ") + ")"

        let noPMU = [ENOENT, EOPNOTSUPP, ENODEV].contains(probeErrno)
        switch (noPMU, hypervisor.present) {
        case (true, true):
            let who = hypervisor.vendorName.map { "the \($0) hypervisor" } ?? "the hypervisor"
            return "no PMU: \(who) does not expose a virtual PMU to this VM \(detail)"
        case (true, false):
            return "no PMU: the kernel has no PMU driver for this CPU \(detail)"
        case (false, _) where probeErrno == ENOSYS:
            return "perf_event_open is not implemented: the kernel was built without perf_event support, or a seccomp filter answers ENOSYS \(detail)"
        default:
            return "hardware counters unusable: \(PMUInfo.describe(errno: probeErrno)) \(detail)"
        }
    }

    /// "ok", or the errno's name, text and meaning for perf_event_open.
    static func describe(errno code: Int32) -> String {
        guard code != 0 else { return "ok" }
        let meaning: String
        switch code {
        case ENOENT: meaning = "the kernel has no such event on this CPU"
        case EOPNOTSUPP: meaning = "the PMU cannot count this event"
        case ENODEV: meaning = "no PMU device for this event"
        case EACCES, EPERM: meaning = "refused by perf_event_paranoid or missing CAP_PERFMON"
        case ENOSYS: meaning = "no perf_event support in the kernel"
        case EMFILE: meaning = "out of file descriptors"
        case EINVAL: meaning = "the kernel rejected the event attributes"
        default: meaning = String(cString: strerror(code))
        }
        return "\(ErrnoName.name(of: code)): \(meaning)"
    }

    /// One word for the verdict, stable for tests and scripts: "available",
    /// "paranoid", "seccomp", "no-vpmu", "no-pmu-driver", "no-perf-support", "not-probed" or "unusable".
    public var reasonKeyword: String {
        if available { return "available" }
        guard let reason else { return "unusable" }
        if ProbeSource.isNotMeasured(reason) { return "not-probed" }
        if reason.hasPrefix("perf_event_paranoid") { return "paranoid" }
        if reason.hasPrefix("perf_event_open refused") { return "seccomp" }
        if reason.contains("does not expose a virtual PMU") { return "no-vpmu" }
        if reason.contains("no PMU driver") { return "no-pmu-driver" }
        if reason.hasPrefix("perf_event_open is not implemented") { return "no-perf-support" }
        return "unusable"
    }
}
