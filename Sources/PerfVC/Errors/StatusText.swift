import CPerfV

/// The fixed text `perfv_strerror` returns for each status code.
///
/// The texts are `StaticString`s: their bytes live in the library's read-only
/// data with a terminating NUL, so the pointers stay valid forever.
enum StatusText {
    static func text(for status: Int32) -> StaticString {
        switch status {
        case PERFV_OK: return "PERFV_OK: success"
        case PERFV_EINVAL: return "PERFV_EINVAL: invalid argument"
        case PERFV_EVERSION: return "PERFV_EVERSION: perfv.h and libperfv versions are incompatible"
        case PERFV_ENOINIT: return "PERFV_ENOINIT: libperfv is not initialized"
        case PERFV_EHANDLE: return "PERFV_EHANDLE: invalid, destroyed or stale handle"
        case PERFV_EBUFFER: return "PERFV_EBUFFER: buffer too small"
        case PERFV_ENOEVENT: return "PERFV_ENOEVENT: no such event"
        case PERFV_EDISABLED: return "PERFV_EDISABLED: the event's component cannot count here"
        case PERFV_ESTATE: return "PERFV_ESTATE: call out of order"
        case PERFV_ETHREAD: return "PERFV_ETHREAD: region ended on another thread"
        case PERFV_EBUSY: return "PERFV_EBUSY: handle in use by another thread"
        case PERFV_ENOMEM: return "PERFV_ENOMEM: no free handle"
        case PERFV_EPERM: return "PERFV_EPERM: permission denied"
        case PERFV_ESYS: return "PERFV_ESYS: system call failed"
        case PERFV_EPAPI: return "PERFV_EPAPI: PAPI error"
        case PERFV_EOTHER: return "PERFV_EOTHER: other failure"
        default: return "unknown PerfV status code"
        }
    }

    static func cString(_ text: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
