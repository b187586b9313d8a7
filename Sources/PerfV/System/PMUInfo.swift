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
    /// CPUID 0xA EAX[7:0]: Intel architectural performance monitoring version (0: none).
    public var cpuidArchPerfmonVersion: Int
    /// CPUID 0xA EAX[15:8]: general-purpose counters per logical CPU.
    public var cpuidGeneralCounters: Int
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

    /// Probes this machine.
    public static func gather(cpuid: some CPUIDSource, identity: CPUIdentity, hypervisor: HypervisorInfo,
                              root: SystemRoot = .live) -> PMUInfo {
        let sources = root.directoryEntries(eventSourcePath)
        let leafA = identity.maxBasicLeaf >= 0xA ? cpuid.query(leaf: 0xA) : .zero
        let isAMD = identity.vendor == "AuthenticAMD" || identity.vendor == "HygonGenuine"
        var paranoid: Int?
        var paranoidError: String?
        do {
            paranoid = try KernelText.integer(root.readText(paranoidPath, limit: KernelText.oneValueLimit), path: paranoidPath)
        } catch {
            paranoidError = "\(error)"
        }
        let hardware = probe(type: PERF_TYPE_HARDWARE.rawValue, config: UInt64(PERF_COUNT_HW_INSTRUCTIONS.rawValue))
        let software = probe(type: PERF_TYPE_SOFTWARE.rawValue, config: UInt64(PERF_COUNT_SW_TASK_CLOCK.rawValue))

        var info = PMUInfo(
            available: hardware == 0, reason: nil,
            cpuEventSourcePresent: sources.contains { ["cpu", "cpu_core", "cpu_atom"].contains($0) },
            eventSources: sources,
            cpuidArchPerfmonVersion: Int(leafA.eax & 0xFF),
            cpuidGeneralCounters: Int((leafA.eax >> 8) & 0xFF),
            amdCoreCounters: isAMD && identity.maxExtendedLeaf >= 0x8000_0001
                ? cpuid.query(leaf: 0x8000_0001).ecx & (1 << 23) != 0 : nil,
            perfEventParanoid: paranoid, paranoidError: paranoidError,
            hardwareProbe: describe(errno: hardware),
            softwareEventsAvailable: software == 0,
            softwareProbe: describe(errno: software))
        if hardware != 0 {
            info.reason = info.unavailabilityReason(probeErrno: hardware, hypervisor: hypervisor)
        }
        return info
    }

    /// The reason hardware counting failed with `probeErrno`, naming the evidence.
    public func unavailabilityReason(probeErrno: Int32, hypervisor: HypervisorInfo) -> String {
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
        evidence.append("perf_event_open(instructions): \(PMUInfo.errnoName(probeErrno))")
        let detail = "(" + evidence.joined(separator: ", ") + ")"

        let noPMU = [ENOENT, EOPNOTSUPP, ENODEV].contains(probeErrno)
        switch (noPMU, hypervisor.present) {
        case (true, true):
            let who = hypervisor.vendorName.map { "the \($0) hypervisor" } ?? "the hypervisor"
            return "no PMU: \(who) does not expose a virtual PMU to this VM \(detail)"
        case (true, false):
            return "no PMU: the kernel has no PMU driver for this CPU \(detail)"
        case (false, _) where probeErrno == ENOSYS:
            return "the kernel was built without perf_event support \(detail)"
        default:
            return "hardware counters unusable: \(PMUInfo.describe(errno: probeErrno)) \(detail)"
        }
    }

    /// Opens and closes one counting event for the calling thread, user mode
    /// only (so perf_event_paranoid up to 2 allows it). Returns 0 or the errno.
    private static func probe(type: UInt32, config: UInt64) -> Int32 {
        var attributes = perf_event_attr()
        attributes.type = type
        attributes.size = UInt32(MemoryLayout<perf_event_attr>.size)
        attributes.config = config
        attributes.disabled = 1
        attributes.exclude_kernel = 1
        attributes.exclude_hv = 1
        do {
            let descriptor = try SystemCall.retryingOnInterrupt("perf_event_open") {
                perfv_perf_event_open(&attributes, 0, -1, -1, UInt(PERF_FLAG_FD_CLOEXEC))
            }
            close(descriptor)
            return 0
        } catch let PerfVError.systemCall(_, code) {
            return code
        } catch {
            return EINVAL
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
        return "\(errnoName(code)): \(meaning)"
    }

    static func errnoName(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "ENOENT"
        case EOPNOTSUPP: return "EOPNOTSUPP"
        case ENODEV: return "ENODEV"
        case EACCES: return "EACCES"
        case EPERM: return "EPERM"
        case ENOSYS: return "ENOSYS"
        case EMFILE: return "EMFILE"
        case EINVAL: return "EINVAL"
        default: return "errno \(code)"
        }
    }
}
