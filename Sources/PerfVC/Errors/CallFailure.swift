import CPerfV

/// Why a C entry point failed: the `PERFV_E*` status it returns and the detail
/// text `perfv_last_error_message()` gives.
struct CallFailure: Error {
    let status: Int32
    let message: String

    init(_ status: Int32, _ message: String) {
        self.status = status
        self.message = message
    }

    static func invalidArgument(_ message: String) -> CallFailure { CallFailure(PERFV_EINVAL, message) }
    static func notInitialized() -> CallFailure {
        CallFailure(PERFV_ENOINIT, "libperfv is not initialized: call perfv_init(PERFV_VERSION) first")
    }
    static func badState(_ message: String) -> CallFailure { CallFailure(PERFV_ESTATE, message) }
}
