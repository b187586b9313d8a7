import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// Executes RDPMC where a fault cannot hurt: in a forked child (`perfv_fork_rdpmc_probe`).
///
/// RDPMC raises #GP, which Linux delivers as SIGSEGV, unless CR4.PCE is set or a
/// hypervisor answers the index; run in this process, that kills it. The child only
/// executes the instructions and exits, so the caller learns the outcome safely,
/// even from a multithreaded process.
package enum RDPMCProbe {
    /// How the child ended.
    package enum Outcome: Equatable, Sendable, CustomStringConvertible {
        /// Every RDPMC completed.
        case completed
        /// The child was killed by `signal` (SIGSEGV from #GP when RDPMC faults).
        case killed(signal: Int32)
        /// The child exited with an unexpected status.
        case exited(status: Int32)

        package var description: String {
            switch self {
            case .completed: return "rdpmc completed"
            case let .killed(signal): return "rdpmc faulted (child killed by \(String(cString: strsignal(signal))), signal \(signal))"
            case let .exited(status): return "the probe child exited with status \(status)"
            }
        }
    }

    /// Forks a child that executes RDPMC with ECX = each of `counters`, and waits for it.
    package static func run(counters: [UInt32]) throws(SystemCallError) -> Outcome {
        let pid = try counters.withUnsafeBufferPointer { buffer throws(SystemCallError) in
            try SystemCall.retryingOnInterrupt("fork") { perfv_fork_rdpmc_probe(buffer.baseAddress, Int32(buffer.count)) }
        }
        var status: Int32 = 0
        _ = try SystemCall.retryingOnInterrupt("waitpid") { waitpid(pid, &status, 0) }
        // <sys/wait.h>'s macros do not import: the low 7 bits are the killing signal
        // (0 for a normal exit), bits 8-15 the exit code.
        let signal = status & 0x7F
        if signal == 0 {
            let code = (status >> 8) & 0xFF
            return code == 0 ? .completed : .exited(status: code)
        }
        return .killed(signal: signal)
    }
}
