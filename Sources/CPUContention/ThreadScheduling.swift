import SystemCalls
import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// The scheduling class a contention thread is created in.
///
/// On a machine other work shares, ordinary threads compete with everything else
/// for a core. The real-time classes let a caller decide who competes: no ordinary
/// (SCHED_OTHER) task runs on a core while a real-time thread wants it. They need
/// CAP_SYS_NICE (root).
public enum ThreadScheduling: Equatable, Sendable {
    /// The creating thread's class (inherited: a thread started from a SCHED_RR
    /// thread is SCHED_RR too).
    case normal
    /// SCHED_FIFO priority 1: no ordinary task runs on the core while the thread wants it.
    case fifo
    /// SCHED_RR priority 1: like FIFO, but two such threads on one core take turns
    /// in 100 ms slices (/proc/sys/kernel/sched_rr_timeslice_ms), as two processes
    /// sharing a core would.
    case roundRobin
    /// SCHED_OTHER at nice 19: other work on the machine (other tests) takes the CPU
    /// from the thread first, so contention it makes stays on the threads that share its core.
    case lowPriority

    /// Sets the class on thread attributes (pthread_attr_setschedpolicy with
    /// PTHREAD_EXPLICIT_SCHED), so the thread starts in it rather than switching later.
    func apply(to attributes: inout pthread_attr_t) throws(ThreadError) {
        let policy: Int32
        switch self {
        case .normal, .lowPriority: return
        case .fifo: policy = SCHED_FIFO
        case .roundRobin: policy = SCHED_RR
        }
        var parameters = sched_param(sched_priority: 1)
        do {
            try SystemCall.checkingReturnedError("pthread_attr_setinheritsched",
                                                 pthread_attr_setinheritsched(&attributes, Int32(PTHREAD_EXPLICIT_SCHED)))
            try SystemCall.checkingReturnedError("pthread_attr_setschedpolicy", pthread_attr_setschedpolicy(&attributes, policy))
            try SystemCall.checkingReturnedError("pthread_attr_setschedparam", pthread_attr_setschedparam(&attributes, &parameters))
        } catch {
            throw .systemCall(error)
        }
    }

    /// What a class needs set from inside the new thread: nice applies per thread (setpriority on its tid).
    func applyToCallingThread() {
        if self == .lowPriority { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(perfv_gettid()), 19) }
    }
}
