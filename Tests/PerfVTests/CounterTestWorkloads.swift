import CLinux
@testable import PerfV
#if canImport(Glibc)
import Glibc
#endif

/// Workloads with a known effect on the counters, shared by the counter tests.
enum CounterTestWorkloads {
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps `pages` fresh anonymous pages, keeps transparent huge pages off them
    /// (MADV_NOHUGEPAGE, so each page takes its own fault) and writes one byte per
    /// page; returns the number of pages touched.
    static func touchFreshPages(_ pages: Int) throws -> Int {
        let length = pages * pageSize
        guard let region = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              region != MAP_FAILED else {
            throw CounterTestFailure("mmap of \(length) bytes failed, errno \(errno)")
        }
        defer { munmap(region, length) }
        guard madvise(region, length, MADV_NOHUGEPAGE) == 0 else {
            throw CounterTestFailure("madvise(MADV_NOHUGEPAGE) failed, errno \(errno)")
        }
        let bytes = region.assumingMemoryBound(to: UInt8.self)
        for page in 0..<pages {
            bytes[page * pageSize] = UInt8(truncatingIfNeeded: page | 1)
        }
        return pages
    }

    /// The calling thread's CPU time in ns (CLOCK_THREAD_CPUTIME_ID).
    static func threadCPUTimeNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// Spins on the CPU until the thread has used `nanoseconds` of CPU time.
    static func spin(nanoseconds: Int64) {
        let end = threadCPUTimeNanoseconds() + nanoseconds
        var sink: UInt64 = 1
        while threadCPUTimeNanoseconds() < end {
            for i in 0..<1000 { sink = sink &* 6364136223846793005 &+ UInt64(i) }
        }
        blackHole(sink)
    }

    /// Sleeps `times` times for 200 µs; each sleep switches the thread off its CPU.
    static func sleepRepeatedly(_ times: Int) {
        for _ in 0..<times { usleep(200) }
    }

    /// Open file descriptors of this process that counters use: perf_event fds,
    /// /proc/stat and schedstat files (from the links in /proc/self/fd).
    static func openCounterDescriptors() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return -1 }
        defer { closedir(directory) }
        var count = 0
        var target = [CChar](repeating: 0, count: 256)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            let length = readlink("/proc/self/fd/\(name)", &target, target.count - 1)
            guard length > 0 else { continue }
            let text = target[..<length].withUnsafeBufferPointer { String(decoding: UnsafeRawBufferPointer($0), as: UTF8.self) }
            if text.contains("perf_event") || text == "/proc/stat" || text.hasSuffix("/schedstat") { count += 1 }
        }
        return count
    }

    @inline(never)
    static func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
}

struct CounterTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension CounterTestWorkloads {
    /// CLOCK_MONOTONIC in ns.
    static func monotonicNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// Spins until `nanoseconds` of wall-clock time have passed.
    static func spin(wallNanoseconds nanoseconds: Int64) {
        let end = monotonicNanoseconds() + nanoseconds
        var sink: UInt64 = 1
        while monotonicNanoseconds() < end {
            for i in 0..<1000 { sink = sink &* 6364136223846793005 &+ UInt64(i) }
        }
        blackHole(sink)
    }
}

/// What the perf_event component can do for this test process, so each test
/// checks the path that works here and the error of the one that does not.
enum CounterTestEnvironment {
    static let perf = PerfEventComponent()
    /// perf_event_open works at all (not at perf_event_paranoid 3+ without CAP_PERFMON).
    static var perfEnabled: Bool { perf.status.isEnabled }
    /// Kernel mode may be counted (root, CAP_PERFMON or perf_event_paranoid <= 1).
    static var countsKernelMode: Bool { perf.status.isEnabled && perf.countsKernelMode }
    /// `perf::<event>`, or `perf::<event>:u` where only user mode may be counted:
    /// for faults the workloads take in user mode, both count them all.
    static func userVisible(_ event: String) -> String {
        countsKernelMode ? "perf::\(event)" : "perf::\(event):u"
    }
}
