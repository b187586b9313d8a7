#if canImport(Glibc)
import Glibc
#endif
import CPAPI
import Synchronization

/// The calling thread's registration with PAPI (`PAPI_register_thread`), and
/// its release when the thread exits (`PAPI_unregister_thread`).
///
/// PAPI keeps a per-thread record that is NULL on a thread it has not
/// registered, and most of its calls (event lookup, enumeration, event sets)
/// write into that record: calling them on an unregistered thread crashes
/// inside libpapi. So every PerfV path into PAPI runs ``register()`` first,
/// whichever thread it is on, including threads PerfV did not start.
///
/// The registration is released by a pthread key destructor when the thread
/// exits, so short-lived threads (OpenMP teams resized, thread pools) leak no
/// PAPI memory. PAPI frees the thread's event sets then; an event set whose
/// owner has exited checks ``ifRegistered(_:)`` before touching its PAPI handle,
/// which PAPI may by then have given to another set.
final class PAPIThread: Sendable {
    /// True until the owning thread exits and PAPI drops its record.
    private let registered = Mutex(true)

    private init() {}

    /// Registers the calling thread once; later calls on it are one
    /// `pthread_getspecific`. Throws when PAPI refuses (`PAPI_register_thread`).
    static func register() throws -> PAPIThread {
        let key = try PAPIThread.key.get()
        if let existing = pthread_getspecific(key) {
            return Unmanaged<PAPIThread>.fromOpaque(existing).takeUnretainedValue()
        }
        let result = PAPI_register_thread()
        guard result == PAPI_OK else {
            throw PerfVError.papi(call: "PAPI_register_thread", code: result, message: PAPILibrary.errorMessage(result))
        }
        let thread = PAPIThread()
        let stored = Unmanaged.passRetained(thread)
        let code = pthread_setspecific(key, stored.toOpaque())
        guard code == 0 else {
            stored.release()
            throw PerfVError.systemCall(SystemCallError(call: "pthread_setspecific", errno: code))
        }
        return thread
    }

    /// Runs `body` while the owning thread is still registered, holding off its
    /// unregistration meanwhile; returns nil without running it otherwise.
    func ifRegistered<Result>(_ body: () -> Result) -> Result? {
        registered.withLock { isRegistered in isRegistered ? body() : nil }
    }

    /// Runs on the owning thread as it exits (the key's destructor).
    private func unregister() {
        registered.withLock { isRegistered in
            isRegistered = false
            // PAPI_EMISC when the program unregistered the thread itself first: nothing left to free.
            _ = PAPI_unregister_thread()
        }
    }

    /// One key for the process; its destructor releases the exiting thread's registration.
    private static let key: Result<pthread_key_t, PerfVError> = {
        var key = pthread_key_t()
        let code = pthread_key_create(&key) { value in
            guard let value else { return }
            Unmanaged<PAPIThread>.fromOpaque(value).takeRetainedValue().unregister()
        }
        return code == 0 ? .success(key) : .failure(.systemCall(SystemCallError(call: "pthread_key_create", errno: code)))
    }()
}
