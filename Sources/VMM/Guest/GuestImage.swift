import Foundation

/// The guest runtime ELF the package builds from `Guest/` (see Plugins/GuestBuilder).
public enum GuestImage {
    /// The bundled guest ELF bytes.
    public static var bundledELF: [UInt8] { [UInt8](Data(base64Encoded: bundledELFBase64) ?? Data()) }
}
