/// Where a clock reading comes from, which decides what a read costs.
public enum ClockSource: String, Sendable, Codable, CaseIterable {
    /// clock_gettime answered in user space by the kernel's vDSO (tens of ns), as
    /// long as the current clocksource supports it (tsc does; the vDSO falls back
    /// to the system call otherwise).
    case vdso
    /// clock_gettime enters the kernel: the CPU-time clocks always do, because only
    /// the scheduler knows a thread's accumulated run time.
    case syscall
    /// The time stamp counter, read by the rdtsc/rdtscp instruction.
    case tsc
}
