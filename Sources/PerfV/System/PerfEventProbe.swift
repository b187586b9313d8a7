#if canImport(Glibc)
import Glibc
#endif
import CLinux
import SystemCalls

/// The perf_event_open calls PerfV makes to learn what counting works here:
/// each opens and closes one user-mode counting event for the calling thread.
public enum PerfEventProbe: String, Sendable, CaseIterable, Codable {
    /// PERF_COUNT_HW_INSTRUCTIONS: a hardware PMU counts.
    case instructions
    /// PERF_COUNT_HW_CPU_CYCLES.
    case cycles
    /// PERF_COUNT_SW_TASK_CLOCK: software events work.
    case taskClock = "task-clock"

    /// Opens the event and closes it. Returns 0 or the errno (exclude_kernel
    /// and exclude_hv, so perf_event_paranoid up to 2 allows it).
    public func run() -> Int32 {
        var attributes = perf_event_attr()
        switch self {
        case .instructions:
            attributes.type = PERF_TYPE_HARDWARE.rawValue
            attributes.config = UInt64(PERF_COUNT_HW_INSTRUCTIONS.rawValue)
        case .cycles:
            attributes.type = PERF_TYPE_HARDWARE.rawValue
            attributes.config = UInt64(PERF_COUNT_HW_CPU_CYCLES.rawValue)
        case .taskClock:
            attributes.type = PERF_TYPE_SOFTWARE.rawValue
            attributes.config = UInt64(PERF_COUNT_SW_TASK_CLOCK.rawValue)
        }
        attributes.size = UInt32(MemoryLayout<perf_event_attr>.size)
        attributes.disabled = 1
        attributes.exclude_kernel = 1
        attributes.exclude_hv = 1
        do {
            _ = try FileDescriptor(openingPerfEventForCallingThread: &attributes, groupLeader: -1)
            return 0
        } catch {
            return error.errno
        }
    }

    /// "ok" for 0, else the errno's name ("ENOENT"), as probes.json records it.
    public static func outcomeName(_ code: Int32) -> String {
        code == 0 ? "ok" : ErrnoName.name(of: code)
    }

    /// The errno of a recorded outcome name; nil for a name PerfV does not know.
    public static func code(outcomeName name: String) -> Int32? {
        name == "ok" ? 0 : ErrnoName.code(named: name)
    }
}
