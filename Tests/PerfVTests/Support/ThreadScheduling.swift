#if canImport(Glibc)
import Glibc
#endif

/// The scheduling class a test thread is created in.
///
/// On a machine other work shares, ordinary threads compete with everything else
/// for a core. The real-time classes let a test decide who competes: no ordinary
/// (SCHED_OTHER) task runs on a core while a real-time thread wants it. They need
/// CAP_SYS_NICE (root).
enum ThreadScheduling: Equatable {
    /// An ordinary thread (SCHED_OTHER, nice 0).
    case normal
    /// SCHED_FIFO priority 1: no ordinary task runs on the core while the thread wants it.
    case fifo
    /// SCHED_RR priority 1: like FIFO, but two such threads on one core take turns
    /// in 100 ms slices (/proc/sys/kernel/sched_rr_timeslice_ms), as two processes
    /// sharing a core would.
    case roundRobin

    /// Sets the class on thread attributes (pthread_attr_setschedpolicy with
    /// PTHREAD_EXPLICIT_SCHED), so the thread starts in it rather than switching later.
    func apply(to attributes: inout pthread_attr_t) throws {
        let policy: Int32
        switch self {
        case .normal: return
        case .fifo: policy = SCHED_FIFO
        case .roundRobin: policy = SCHED_RR
        }
        var parameters = sched_param(sched_priority: 1)
        for (call, result) in [
            ("pthread_attr_setinheritsched", pthread_attr_setinheritsched(&attributes, Int32(PTHREAD_EXPLICIT_SCHED))),
            ("pthread_attr_setschedpolicy", pthread_attr_setschedpolicy(&attributes, policy)),
            ("pthread_attr_setschedparam", pthread_attr_setschedparam(&attributes, &parameters)),
        ] where result != 0 {
            throw TestSupportError.systemCall(call, result)
        }
    }
}
