/// The kernel's perf_event_paranoid setting, read to explain an EACCES.
///
/// PerfV counts kernel mode as well as user mode (exclude_kernel = 0) because
/// several software events are recorded only in kernel mode: a context switch
/// or a CPU migration happens inside the scheduler, so a user-mode-only counter
/// of them would read zero (measured: 50 usleep calls gave 50 context switches
/// with exclude_kernel = 0 and 0 with exclude_kernel = 1), and faults taken while
/// the kernel copies into fresh user pages (read(2) into a new buffer) would be
/// missed. PerfV never falls back to user-only counting silently: a refusal is
/// a ``CounterError/permissionDenied(event:reason:)`` whose reason names the
/// level and the `:u` form (`perf::page-faults:u`) that counts user mode only.
/// The exceptions are task-clock and cpu-clock, whose counts do not depend on
/// the mode. Counting kernel mode needs perf_event_paranoid <= 1, or
/// CAP_PERFMON / CAP_SYS_ADMIN (root).
struct PerfEventParanoia {
    static let path = "/proc/sys/kernel/perf_event_paranoid"

    /// The level, or nil when the file is missing or not a number.
    let level: Int?

    /// Reads the level from ``path``.
    init() {
        let path = PerfEventParanoia.path
        self.init(level: try? KernelText.integer(SystemRoot.live.readText(path, limit: KernelText.oneValueLimit), path: path))
    }

    init(level: Int?) {
        self.level = level
    }

    /// Why the kernel refused, with what would allow it; `userModeAlternative`
    /// names the `:u` form of the event when user-mode counting is still allowed.
    func explanation(userModeAlternative: String?) -> String {
        let remedy = "run with CAP_PERFMON or set kernel.perf_event_paranoid to 1"
            + (userModeAlternative.map { ", or count user mode only with \($0)" } ?? "")
        guard let level else {
            return "perf_event_open: EACCES and \(PerfEventParanoia.path) is unreadable; \(remedy)"
        }
        let meaning: String
        switch level {
        case 3...:
            meaning = "only processes with CAP_PERFMON or CAP_SYS_ADMIN may use perf_event_open"
        case 2:
            meaning = "without CAP_PERFMON only user-mode counting is allowed, and this event is also counted "
                + "in kernel mode (context switches and migrations are recorded there)"
        default:
            meaning = "this level allows kernel-mode counting; a security module may be refusing it"
        }
        return "perf_event_open: EACCES; kernel.perf_event_paranoid = \(level): \(meaning); \(remedy)"
    }
}
