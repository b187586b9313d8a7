import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A message printed on stderr the first time it is emitted in the process, and
/// never again: a misconfiguration is worth one line, not one per region call.
final class OneTimeWarning: Sendable {
    private let emitted = Atomic<Bool>(false)

    func emit(_ message: @autoclosure () -> String) {
        guard !emitted.exchange(true, ordering: .relaxed) else { return }
        fputs("perfv: \(message())\n", stderr)
    }
}
