import Foundation

/// The guest runtime ELF the package builds from `Guest/` (see Plugins/GuestBuilder):
/// the plugin compiles it with the toolchain's clang and embeds it as base64 in a
/// generated source, so no guest binary is committed.
public enum GuestImage {
    /// The bundled guest ELF bytes, decoded once.
    public static let bundledELF: [UInt8] = [UInt8](Data(base64Encoded: bundledELFBase64) ?? Data())
}
