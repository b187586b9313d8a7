import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT (Ctrl-C) and SIGTERM into a request to stop after the current run,
/// so the sweep can write what it gathered as valid files before it exits.
///
/// A second signal kills the process at once (the handler restores the default
/// action after the first); the files are still valid then, because every write
/// is atomic (``ResultsWriter``).
public enum InterruptSignal {
    private static let received = Atomic<Int32>(0)

    /// Installs the handlers (sigaction with SA_RESTART, so interrupted system calls resume)
    /// and unblocks both signals on the calling thread, whose mask later threads inherit:
    /// a parent may have started this process with them blocked.
    public static func install() {
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in [SIGINT, SIGTERM] {
            sigaddset(&unblocked, signal)
            var action = sigaction()
            action.__sigaction_handler = .init(sa_handler: { number in
                InterruptSignal.received.store(number, ordering: .relaxed)
                // Only async-signal-safe calls here: the next signal gets the default action.
                var fallback = sigaction()
                fallback.__sigaction_handler = .init(sa_handler: SIG_DFL)
                sigaction(number, &fallback, nil)
            })
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// The signal that asked the sweep to stop, or nil.
    public static var pending: Int32? {
        let number = received.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }
}
