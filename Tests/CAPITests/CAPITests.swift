import Testing

/// Every libperfv test, run one at a time: the library's state (initialized or
/// not, the handle tables) is process-wide, and some tests shut it down.
@Suite("libperfv C API", .serialized)
struct CAPITests {}
