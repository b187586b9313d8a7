/// Where a counter's numbers come from.
public enum CounterEventKind: String, Sendable, Equatable, Codable {
    /// Counted by the CPU's performance monitoring unit (PMU).
    case hardware
    /// Counted by the kernel in software (perf_event's PERF_TYPE_SOFTWARE).
    case software
    /// Derived from kernel accounting files such as /proc/stat and schedstat.
    case kernelAccounting
    /// Counted by a hypervisor on behalf of a guest (virtual counters).
    case virtual
    /// Counted by a device (a network interface, an InfiniBand HCA) and read from its driver.
    case device
}
