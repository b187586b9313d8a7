import CPerfV
import PerfV

/// The one way C calls enter Swift: runs the body, and turns anything it
/// throws into a `PERFV_E*` status plus the thread's last error message, so no
/// Swift error crosses the C boundary.
enum Entry {
    /// Runs `body` whether or not the library is initialized.
    static func call(_ body: () throws -> Void) -> Int32 {
        do {
            try body()
            return PERFV_OK
        } catch {
            let failure = StatusConversion.failure(for: error)
            LastErrorMessage.set(failure.message)
            return failure.status
        }
    }

    /// Runs `body` only between `perfv_init` and `perfv_shutdown`.
    static func callInitialized(_ body: () throws -> Void) -> Int32 {
        call {
            guard LibraryState.shared.isInitialized else { throw CallFailure.notInitialized() }
            try body()
        }
    }
}
