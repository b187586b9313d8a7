#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// The system calls of the perf_event component, in one place. They retry on
/// EINTR through ``SystemCall`` and throw `PerfVError.systemCall` with the errno,
/// which the callers turn into a ``CounterError`` naming the event.
enum PerfEventSystemCalls {
    /// perf_event_open(2) for the calling thread on any CPU (pid 0, cpu -1),
    /// close-on-exec so a spawned child does not inherit the counter.
    static func open(_ attr: inout perf_event_attr, groupLeader: Int32) throws -> Int32 {
        try SystemCall.retryingOnInterrupt("perf_event_open") {
            perfv_perf_event_open(&attr, 0, -1, groupLeader, UInt(PERF_FLAG_FD_CLOEXEC))
        }
    }

    /// ioctl(2) with PERF_IOC_FLAG_GROUP: applies `request` to the leader and its group.
    static func groupIoctl(_ fd: Int32, _ request: UInt, call: @autoclosure () -> String) throws {
        _ = try SystemCall.retryingOnInterrupt(call()) {
            perfv_ioctl_int(fd, request, UInt(PERF_IOC_FLAG_GROUP.rawValue))
        }
    }

    /// read(2) of a counter fd into `buffer`; returns the byte count.
    @inline(__always)
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try SystemCall.retryingOnInterrupt("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    /// close(2). Not retried on EINTR: Linux releases the fd even then.
    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }
}
