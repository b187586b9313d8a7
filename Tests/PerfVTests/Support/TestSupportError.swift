#if canImport(Glibc)
import Glibc
#endif

/// Failures of the test helpers themselves (not of the code under test).
enum TestSupportError: Error, CustomStringConvertible {
    case systemCall(String, Int32)

    var description: String {
        switch self {
        case let .systemCall(call, code): return "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
