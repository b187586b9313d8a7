#if canImport(Glibc)
import Glibc
#endif

/// Host-thread helpers for vCPU threads: the kick signal (pinning is CPUContention's, the clock PerfV's).
public enum HostThread {
    /// The signal that kicks a vCPU thread out of KVM_RUN.
    static let kickSignal = SIGUSR2

    /// Installs a do-nothing handler for `kickSignal` without SA_RESTART, so the signal
    /// interrupts KVM_RUN with EINTR instead of killing the process. Idempotent.
    static let installKickHandler: Void = {
        var action = sigaction()
        action.__sigaction_handler = .init(sa_handler: { _ in })
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(kickSignal, &action, nil)
    }()

    /// Unblocks `kickSignal` in the calling thread (pthread_sigmask). A new thread inherits
    /// its creator's mask, and Dispatch worker threads block most signals.
    static func acceptKicks() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, kickSignal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
