import CLinux

/// The CPU's time stamp counter, read with the rdtsc and rdtscp instructions.
///
/// Reads are ticks, not nanoseconds: use ``TimestampCounterConverter`` to convert,
/// which refuses when the TSC is not invariant or the kernel does not trust it.
public enum TimestampCounter {
    /// rdtsc: the cheapest timer (no system call, no vDSO), but not ordered against
    /// earlier instructions, so out-of-order execution can move it a few cycles.
    @inlinable @inline(__always)
    public static func read() -> UInt64 {
        perfv_rdtsc()
    }

    /// rdtscp: waits until earlier instructions have executed, and also returns
    /// IA32_TSC_AUX, where Linux stores `(node << 12) | cpu`; `cpu` is its low 12 bits.
    @inlinable @inline(__always)
    public static func readOrdered() -> (ticks: UInt64, cpu: Int32) {
        var auxiliary: UInt32 = 0
        let ticks = perfv_rdtscp(&auxiliary)
        return (ticks, Int32(bitPattern: auxiliary & 0xFFF))
    }
}
