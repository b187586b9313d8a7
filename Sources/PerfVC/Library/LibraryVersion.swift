import CPerfV
#if canImport(Glibc)
import Glibc
#endif

/// The library's version — the `PERFV_VERSION_*` of the perfv.h it was built
/// from — and the compatibility rule `perfv_init` applies to a caller's header.
enum LibraryVersion {
    static let major = Int32(PERFV_VERSION_MAJOR)
    static let minor = Int32(PERFV_VERSION_MINOR)
    static let patch = Int32(PERFV_VERSION_PATCH)

    /// `PERFV_VERSION_NUMBER(major, minor, patch)`; the function-like macro does not import into Swift.
    static let number = (major << 16) | (minor << 8) | patch

    static let text = "\(major).\(minor).\(patch)"

    /// "major.minor.patch" in storage that lives as long as the process.
    static let cString: UnsafePointer<CChar> = {
        text.withCString { UnsafePointer(permanentCopy($0)) }
    }()

    /// A program built against `header` may use this library when the majors
    /// match and the library is at least as new as the header's minor version.
    static func checkCompatible(header: Int32) throws {
        let headerMajor = header >> 16, headerMinor = (header >> 8) & 0xFF, headerPatch = header & 0xFF
        let described = "\(headerMajor).\(headerMinor).\(headerPatch)"
        guard header >= 0, header <= 0xFF_FFFF else {
            throw CallFailure(PERFV_EVERSION, "\(header) is not a PERFV_VERSION value; call perfv_init(PERFV_VERSION)")
        }
        guard headerMajor == major else {
            throw CallFailure(PERFV_EVERSION, "perfv.h is version \(described) but libperfv is \(text): major versions differ")
        }
        guard headerMinor <= minor else {
            throw CallFailure(PERFV_EVERSION, "perfv.h is version \(described), newer than libperfv \(text): install a newer libperfv")
        }
    }

    private static func permanentCopy(_ text: UnsafePointer<CChar>) -> UnsafeMutablePointer<CChar> {
        let count = Int(strlen(text)) + 1
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: count)
        copy.initialize(from: text, count: count)
        return copy
    }
}
