import SystemCalls
import CLinux
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A thread that busy-loops on one CPU until stopped: the competitor of contention
/// runs and steal experiments. Pinned to the same CPU as a measured thread (or a vCPU
/// thread), it takes about half the CPU under the kernel's fair scheduler, which the
/// thread sees as run delay and a guest sees as steal.
///
/// The loop is arithmetic in registers, so the hog competes for the core's time,
/// not for caches or memory bandwidth.
public final class CPUHog {
    public let cpu: Int
    private let stopRequested = Atomic<Bool>(false)
    /// 0 while starting, 1 once pinned and spinning, -errno when pinning failed.
    private let state = Atomic<Int32>(0)
    private let tid = Atomic<Int32>(0)
    private var thread: pthread_t?

    /// The hog thread's Linux thread id (gettid).
    public var threadID: Int32 { tid.load(ordering: .acquiring) }

    /// Starts spinning on `cpu` in `scheduling`; returns once the hog is pinned and running.
    public init(cpu: Int, scheduling: ThreadScheduling = .normal) throws(ThreadError) {
        self.cpu = cpu
        thread = try PinnedThread.start(scheduling: scheduling) { [self] in
            do throws(ThreadError) {
                try PinnedThread.pinCallingThread(to: cpu)
            } catch {
                guard case let .systemCall(failure) = error else { return }
                state.store(-max(1, failure.errno), ordering: .releasing)
                return
            }
            tid.store(perfv_gettid(), ordering: .releasing)
            state.store(1, ordering: .releasing)
            var sink: UInt64 = 1
            while !stopRequested.load(ordering: .relaxed) {
                for i in 0..<10_000 as Range<UInt64> { sink = sink &* 6364136223846793005 &+ i }
            }
            withExtendedLifetime(sink) {}
        }
        while state.load(ordering: .acquiring) == 0 { sched_yield() }
        let outcome = state.load(ordering: .acquiring)
        if outcome < 0 {
            stop()
            throw .systemCall(SystemCallError(call: "sched_setaffinity(cpu \(cpu)) for the hog thread", errno: -outcome))
        }
    }

    /// Stops the loop and joins the thread.
    public func stop() {
        guard let thread else { return }
        stopRequested.store(true, ordering: .relaxed)
        pthread_join(thread, nil)
        self.thread = nil
    }

    deinit { stop() }
}
