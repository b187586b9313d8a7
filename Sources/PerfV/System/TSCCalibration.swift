import SystemCalls
#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// Measures the TSC frequency by counting TSC ticks across a sleep timed with
/// CLOCK_MONOTONIC_RAW (the clock NTP does not slew), for processors and
/// hypervisors that do not state the frequency in CPUID.
enum TSCCalibration {
    /// Default window: long enough that the ~100 ns uncertainty of each
    /// bracketing read is below 10 ppm, short enough for `perfv-report info`.
    static let defaultWindowNanoseconds: Int64 = 30_000_000

    /// Sleeps `windowNanoseconds` (nanosleep, resumed on EINTR) between two
    /// paired (rdtsc, clock_gettime(CLOCK_MONOTONIC_RAW)) readings.
    static func measure(windowNanoseconds: Int64 = defaultWindowNanoseconds) -> TSCFrequency {
        let start = pairedReading()
        SystemCall.sleep(nanoseconds: windowNanoseconds)
        let end = pairedReading()
        let elapsed = end.nanoseconds - start.nanoseconds
        return TSCFrequency(hertz: Double(end.ticks &- start.ticks) * 1e9 / Double(elapsed),
                            source: .calibrated, calibrationNanoseconds: elapsed)
    }

    /// A CLOCK_MONOTONIC_RAW time and the TSC value at the midpoint of the
    /// clock read, so the clock's read cost is split evenly on both sides.
    private static func pairedReading() -> (ticks: UInt64, nanoseconds: Int64) {
        var now = timespec()
        let before = perfv_rdtsc()
        clock_gettime(CLOCK_MONOTONIC_RAW, &now)
        let after = perfv_rdtsc()
        return (before + (after &- before) / 2, Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec))
    }
}
