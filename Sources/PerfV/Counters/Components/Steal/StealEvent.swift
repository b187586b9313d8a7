/// The events of ``StealComponent``.
enum StealEvent: String, CaseIterable {
    case systemNanoseconds = "system_ns"
    case cpuNanoseconds = "cpu_ns"
    case runDelayNanoseconds = "run_delay_ns"

    /// Whether the value comes from /proc/stat (else from the thread's schedstat).
    var readsProcStat: Bool { self != .runDelayNanoseconds }

    func event(component: String) -> CounterEvent {
        let summary: String
        switch self {
        case .systemNanoseconds:
            summary = "steal of all CPUs, summed (/proc/stat cpu line, USER_HZ resolution)"
        case .cpuNanoseconds:
            summary = "steal of the CPUs the thread was seen on, summed (/proc/stat cpuN lines, USER_HZ resolution)"
        case .runDelayNanoseconds:
            summary = "time the thread waited runnable for a CPU (schedstat run_delay)"
        }
        return CounterEvent(component: component, name: rawValue, summary: summary, unit: .nanoseconds,
                            kind: .kernelAccounting)
    }
}
