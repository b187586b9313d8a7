import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// The clocks of clock_gettime(2), read in nanoseconds.
///
/// ```swift
/// let start = Clock.monotonic.nanoseconds()
/// work()
/// let elapsed = Clock.monotonic.nanoseconds() - start
/// ```
///
/// ``nanoseconds()`` is an inlinable wrapper of Glibc's clock_gettime, so a read
/// costs what the C call costs: the vDSO serves REALTIME, MONOTONIC, MONOTONIC_RAW,
/// BOOTTIME and the COARSE clocks in user space; PROCESS_CPUTIME_ID and
/// THREAD_CPUTIME_ID are system calls by nature (see ``source``). PerfV never
/// issues a raw clock_gettime system call where the vDSO can answer.
public enum Clock: CaseIterable, Sendable, Hashable {
    /// CLOCK_REALTIME: wall-clock time since the Unix epoch; jumps when the time is set.
    case realtime
    /// CLOCK_MONOTONIC: time since boot, never set back, slewed by NTP; excludes suspend.
    /// PerfV's wall clock.
    case monotonic
    /// CLOCK_MONOTONIC_RAW: like MONOTONIC but without NTP slewing; PerfV times its
    /// own cost measurements with it.
    case monotonicRaw
    /// CLOCK_BOOTTIME: MONOTONIC plus the time spent suspended.
    case boottime
    /// CLOCK_REALTIME_COARSE: REALTIME as of the last tick; cheaper, tick-grained.
    case realtimeCoarse
    /// CLOCK_MONOTONIC_COARSE: MONOTONIC as of the last tick; cheaper, tick-grained.
    case monotonicCoarse
    /// CLOCK_PROCESS_CPUTIME_ID: CPU time consumed by all threads of this process.
    case processCPUTime
    /// CLOCK_THREAD_CPUTIME_ID: CPU time consumed by the calling thread.
    case threadCPUTime

    /// The clockid_t passed to clock_gettime.
    @inlinable
    public var id: clockid_t {
        switch self {
        case .realtime: return CLOCK_REALTIME
        case .monotonic: return CLOCK_MONOTONIC
        case .monotonicRaw: return CLOCK_MONOTONIC_RAW
        case .boottime: return CLOCK_BOOTTIME
        case .realtimeCoarse: return CLOCK_REALTIME_COARSE
        case .monotonicCoarse: return CLOCK_MONOTONIC_COARSE
        case .processCPUTime: return CLOCK_PROCESS_CPUTIME_ID
        case .threadCPUTime: return CLOCK_THREAD_CPUTIME_ID
        }
    }

    /// The C name of the clock, e.g. "CLOCK_MONOTONIC".
    public var name: String {
        switch self {
        case .realtime: return "CLOCK_REALTIME"
        case .monotonic: return "CLOCK_MONOTONIC"
        case .monotonicRaw: return "CLOCK_MONOTONIC_RAW"
        case .boottime: return "CLOCK_BOOTTIME"
        case .realtimeCoarse: return "CLOCK_REALTIME_COARSE"
        case .monotonicCoarse: return "CLOCK_MONOTONIC_COARSE"
        case .processCPUTime: return "CLOCK_PROCESS_CPUTIME_ID"
        case .threadCPUTime: return "CLOCK_THREAD_CPUTIME_ID"
        }
    }

    /// Whether the vDSO answers this clock or the read enters the kernel.
    public var source: ClockSource {
        switch self {
        case .processCPUTime, .threadCPUTime: return .syscall
        default: return .vdso
        }
    }

    /// The clock's current value in nanoseconds, from clock_gettime.
    ///
    /// Does not throw: clock_gettime fails only for an unknown clock id, and every
    /// id here has existed since Linux 2.6.39. Wrapping arithmetic because the value
    /// (≤ 2^63 ns ≈ 292 years) cannot overflow and a trap check would cost a branch.
    @inlinable @inline(__always)
    public func nanoseconds() -> Int64 {
        Clock.nanoseconds(clockID: id)
    }

    /// clock_gettime(`clockID`) in nanoseconds; the body of every clock read.
    @inlinable @inline(__always)
    static func nanoseconds(clockID: clockid_t) -> Int64 {
        var now = timespec()
        _ = clock_gettime(clockID, &now)
        return Int64(now.tv_sec) &* 1_000_000_000 &+ Int64(now.tv_nsec)
    }

    /// The clock's resolution in nanoseconds, from clock_getres(2): 1 for the
    /// high-resolution clocks, the tick length (4 ms at CONFIG_HZ=250) for COARSE.
    public func resolutionNanoseconds() throws -> Int64 {
        var resolution = timespec()
        guard clock_getres(id, &resolution) == 0 else {
            throw PerfVError.systemCall(.lastError(of: "clock_getres(\(name))"))
        }
        return Int64(resolution.tv_sec) * 1_000_000_000 + Int64(resolution.tv_nsec)
    }
}
