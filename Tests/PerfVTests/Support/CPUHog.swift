import CLinux
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A thread that spins on one CPU until stopped: host-level contention for tests.
///
/// The spin is ``CPUBoundWork``, arithmetic in registers, so the hog competes for
/// the core's time, not for caches or memory bandwidth.
final class CPUHog {
    private let stopRequested = Atomic<Bool>(false)
    private let pinned = Atomic<Int>(0)
    private var thread: pthread_t?
    private let tid = Atomic<Int32>(0)

    /// The hog thread's Linux thread id (gettid).
    var threadID: Int32 { tid.load(ordering: .acquiring) }

    /// Starts spinning on `cpu` in `scheduling`; returns once the hog is pinned and running.
    init(cpu: Int, scheduling: ThreadScheduling = .normal) throws {
        thread = try PinnedThread.start(scheduling: scheduling) { [self] in
            do {
                try PinnedThread.pinCallingThread(to: cpu)
                tid.store(perfv_gettid(), ordering: .releasing)
                pinned.store(1, ordering: .releasing)
            } catch {
                pinned.store(-1, ordering: .releasing)
                return
            }
            while !stopRequested.load(ordering: .relaxed) {
                _ = CPUBoundWork.run(iterations: 100_000)
            }
        }
        while pinned.load(ordering: .acquiring) == 0 { sched_yield() }
        if pinned.load(ordering: .acquiring) < 0 {
            stop()
            throw TestSupportError.systemCall("setting up the hog thread on cpu \(cpu)", EINVAL)
        }
    }

    /// Stops the spin and joins the thread.
    func stop() {
        guard let thread else { return }
        stopRequested.store(true, ordering: .relaxed)
        pthread_join(thread, nil)
        self.thread = nil
    }

    deinit { stop() }
}
