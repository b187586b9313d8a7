import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// USER_HZ, the tick that /proc/stat's time columns count in.
///
/// It is the kernel's fixed user-facing tick (100 on every mainstream Linux
/// architecture), independent of CONFIG_HZ; at 100 Hz one tick is 10 ms, which is
/// the granularity of every steal figure read from /proc/stat.
public enum UserHZ {
    /// Ticks per second, from sysconf(_SC_CLK_TCK).
    public static func ticksPerSecond() throws -> Int64 {
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        guard ticks > 0 else { throw PerfVError.systemCall(.lastError(of: "sysconf(_SC_CLK_TCK)")) }
        return Int64(ticks)
    }

    /// `ticks` in nanoseconds at `ticksPerSecond`; `nil` when the result does not fit
    /// in 64 bits. Whole seconds and the remainder are converted apart so no
    /// intermediate product can overflow for any realistic tick rate.
    @inline(__always)
    public static func nanoseconds(ticks: Int64, ticksPerSecond: Int64) -> Int64? {
        let (seconds, rest) = ticks.quotientAndRemainder(dividingBy: ticksPerSecond)
        let (whole, overflow1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (restScaled, overflow2) = rest.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow1, !overflow2 else { return nil }
        let (sum, overflow3) = whole.addingReportingOverflow(restScaled / ticksPerSecond)
        return overflow3 ? nil : sum
    }
}
