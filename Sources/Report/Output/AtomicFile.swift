import Foundation

/// Writes a whole file so readers see either the old or the new content, never half:
/// the bytes go to a temporary file in the same directory, which is then rename(2)d
/// over the target. A sweep interrupted at any moment leaves valid files behind.
package enum AtomicFile {
    package static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw OutputError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    package static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
