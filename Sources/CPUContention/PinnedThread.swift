import SystemCalls
import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// POSIX threads pinned to one CPU in a chosen scheduling class: the measured worker,
/// its competitors, and tests that need a known core (Swift Testing's own threads
/// must not be re-pinned).
public enum PinnedThread {
    /// Pins the calling thread to `cpu` (CLinux's sched_setaffinity wrapper; Glibc
    /// hides sched_setaffinity behind _GNU_SOURCE).
    public static func pinCallingThread(to cpu: Int) throws(ThreadError) {
        guard perfv_pin_current_thread(Int32(cpu)) == 0 else {
            throw .systemCall(.lastError(of: "sched_setaffinity(cpu \(cpu))"))
        }
    }

    /// Starts a thread running `body` in `scheduling` (pthread_create); the caller joins it.
    public static func start(scheduling: ThreadScheduling = .normal, _ body: @escaping () -> Void) throws(ThreadError) -> pthread_t {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        try scheduling.apply(to: &attributes)
        let context = Unmanaged.passRetained(ThreadBody {
            scheduling.applyToCallingThread()
            body()
        }).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, &attributes, { context in
            Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        do {
            try SystemCall.checkingReturnedError("pthread_create", created)
        } catch {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            throw .systemCall(error)
        }
        return thread
    }

    /// Runs `body` on a fresh thread in `scheduling`, pinned to `cpu` unless it is nil,
    /// waits for it, and returns its result.
    public static func run<Value>(
        on cpu: Int?, scheduling: ThreadScheduling = .normal, _ body: @escaping () throws -> Value
    ) throws -> Value {
        let outcome = Outcome<Value>()
        let thread = try start(scheduling: scheduling) {
            outcome.result = Result {
                if let cpu { try pinCallingThread(to: cpu) }
                return try body()
            }
        }
        pthread_join(thread, nil)
        return try outcome.result!.get()
    }

    /// Whether this process may create threads in `scheduling` (the real-time
    /// classes need CAP_SYS_NICE).
    public static func permits(_ scheduling: ThreadScheduling) -> Bool {
        (try? run(on: nil, scheduling: scheduling) { true }) ?? false
    }

    /// The closure handed to the new thread.
    private final class ThreadBody {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Where the thread leaves its result; read only after pthread_join.
    private final class Outcome<Value> {
        var result: Result<Value, Error>?
    }
}
