#if canImport(Glibc)
import Glibc
#endif

/// The calling thread's last failure text, behind `perfv_last_error_message()`.
///
/// Each thread gets one fixed buffer on its first use (pthread_getspecific /
/// pthread_setspecific), freed by the key's destructor when the thread exits.
/// Messages longer than the buffer are cut at a UTF-8 character boundary.
enum LastErrorMessage {
    static let capacity = 1024

    /// nil when the process has used up its pthread keys (PTHREAD_KEYS_MAX):
    /// then failures still return their codes, only without detail text.
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        return pthread_key_create(&key) { free($0) } == 0 ? key : nil
    }()

    /// The thread's buffer, allocated zeroed (an empty message) on first use;
    /// nil when no per-thread storage can be had.
    static func buffer() -> UnsafeMutablePointer<CChar>? {
        guard let key else { return nil }
        if let existing = pthread_getspecific(key) {
            return existing.assumingMemoryBound(to: CChar.self)
        }
        guard let fresh = calloc(capacity, 1) else { return nil }
        guard pthread_setspecific(key, fresh) == 0 else {
            free(fresh)
            return nil
        }
        return fresh.assumingMemoryBound(to: CChar.self)
    }

    /// Replaces the thread's message.
    static func set(_ message: String) {
        guard let buffer = buffer() else { return }
        var text = message
        text.withUTF8 { bytes in
            let count = CStringOutput.prefixLength(of: bytes, fittingIn: capacity - 1)
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress!, byteCount: count)
            buffer[count] = 0
        }
    }
}
