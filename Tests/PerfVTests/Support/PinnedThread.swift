import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// Runs a closure on a new POSIX thread pinned to one CPU, for tests that need a
/// known core (Swift Testing's own threads must not be re-pinned).
enum PinnedThread {
    /// Pins the calling thread to `cpu` (CLinux's sched_setaffinity wrapper; Glibc
    /// hides sched_setaffinity behind _GNU_SOURCE).
    static func pinCallingThread(to cpu: Int) throws {
        guard perfv_pin_current_thread(Int32(cpu)) == 0 else {
            throw TestSupportError.systemCall("sched_setaffinity(cpu \(cpu))", errno)
        }
    }

    /// Starts a thread running `body` in `scheduling` (pthread_create); the caller joins it.
    static func start(scheduling: ThreadScheduling = .normal, _ body: @escaping () -> Void) throws -> pthread_t {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        try scheduling.apply(to: &attributes)
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, &attributes, { context in
            Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            throw TestSupportError.systemCall("pthread_create", created)
        }
        return thread
    }

    /// Runs `body` on a fresh thread in `scheduling` pinned to `cpu`, waits for it,
    /// and returns its result.
    static func run<Value>(
        on cpu: Int, scheduling: ThreadScheduling = .normal, _ body: @escaping () throws -> Value
    ) throws -> Value {
        let outcome = Outcome<Value>()
        let thread = try start(scheduling: scheduling) {
            outcome.result = Result {
                try pinCallingThread(to: cpu)
                return try body()
            }
        }
        pthread_join(thread, nil)
        return try outcome.result!.get()
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
