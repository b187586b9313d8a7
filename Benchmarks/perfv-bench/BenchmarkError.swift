import SystemCalls
import CBaselines

/// Why a benchmark could not produce a figure. The text is the message printed in the
/// table's note column and in the JSON `note`.
enum BenchmarkError: Error, Equatable, CustomStringConvertible {
    case noSamples
    case nonFiniteSample
    case nonPositiveSample
    case unpairedSamples(perfv: Int, baseline: Int)
    /// The minimal C KVM loop failed (its own message, with errno text when it has one).
    case kvmLoop(String)
    /// A system call (of a C baseline, or reading /proc) failed.
    case systemCall(SystemCallError)
    /// A guest run did not do what the benchmark relies on.
    case unexpectedGuestRun(String)
    /// Something this machine lacks (a PAPI timer, the guest's exit-loop workload, ...).
    case unavailable(String)
    case unreadableFile(path: String, reason: String)

    var description: String {
        switch self {
        case .noSamples: return "no samples were taken"
        case .nonFiniteSample: return "a sample was not a finite number"
        case .nonPositiveSample: return "a sample was zero or negative, so no ratio can be taken"
        case let .unpairedSamples(perfv, baseline):
            return "\(perfv) PerfV samples but \(baseline) baseline samples: they must pair up"
        case let .kvmLoop(message): return "minimal C KVM loop: \(message)"
        case let .systemCall(error): return error.description
        case let .unexpectedGuestRun(message): return "guest run: \(message)"
        case let .unavailable(reason): return reason
        case let .unreadableFile(path, reason): return "\(path): \(reason)"
        }
    }

    /// The error of a failed perfv_kvm_loop call.
    static func kvmLoop(_ error: perfv_kvm_loop_error) -> BenchmarkError {
        var message = error.message
        let text = withUnsafeBytes(of: &message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return .kvmLoop(text)
    }
}
