import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs work on a new thread under SCHED_RR (priority 1) when the process may, so
/// the threads it starts (a VM's vCPU threads, the sweep's CPU hog) inherit the
/// policy and share a core in 100 ms round-robin slices, the way a hypervisor
/// time-slices vCPUs. Under the default fair scheduler's few-ms slices every
/// switch costs cache and TLB refills that no steal accounting can remove
/// (measured here: 5–20% on MMM N=1280 in a guest), which would test the
/// scheduler's switch cost rather than the steal adjustment.
enum RoundRobinThread {
    /// Returns `body`'s result and whether SCHED_RR could be set (it needs root or CAP_SYS_NICE).
    static func run<T>(_ body: @escaping () throws -> T) throws -> (value: T, roundRobin: Bool) {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<T, Error>?
        nonisolated(unsafe) var roundRobin = false
        let thread = Thread {
            var parameters = sched_param(sched_priority: 1)
            roundRobin = sched_setscheduler(0, SCHED_RR, &parameters) == 0
            outcome = Result { try body() }
            done.signal()
        }
        thread.start()
        done.wait()
        return (try outcome!.get(), roundRobin)
    }
}
