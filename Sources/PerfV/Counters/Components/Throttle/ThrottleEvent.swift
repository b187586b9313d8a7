/// The events of ``ThrottleComponent``, in the order of its `events`.
enum ThrottleEvent: String, CaseIterable {
    case throttledNanoseconds = "throttled_ns"
    case throttledPeriods = "nr_throttled"
    case periods = "nr_periods"

    func event(component: String) -> CounterEvent {
        switch self {
        case .throttledNanoseconds:
            return CounterEvent(component: component, name: rawValue,
                                summary: "time the cgroup's run queues were throttled for want of quota, summed over CPUs "
                                    + "(cpu.stat throttled_time / throttled_usec)",
                                unit: .nanoseconds, kind: .kernelAccounting)
        case .throttledPeriods:
            return CounterEvent(component: component, name: rawValue,
                                summary: "enforcement periods in which the cgroup ran out of quota (cpu.stat nr_throttled)",
                                unit: .events, kind: .kernelAccounting)
        case .periods:
            return CounterEvent(component: component, name: rawValue,
                                summary: "enforcement periods in which the cgroup had runnable tasks (cpu.stat nr_periods)",
                                unit: .events, kind: .kernelAccounting)
        }
    }

    /// This event's total in `stat`.
    func total(in stat: CgroupCPUStat) -> Int64 {
        switch self {
        case .throttledNanoseconds: return stat.throttledNanoseconds
        case .throttledPeriods: return stat.throttledPeriods
        case .periods: return stat.periods
        }
    }
}
