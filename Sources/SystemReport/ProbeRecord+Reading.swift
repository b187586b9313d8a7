import Foundation
import PerfV

extension ProbeRecord {
    /// Reads `<directory>/probes.json`, or nil when there is none; a file that
    /// is not a valid record is `PerfVError.malformedFile` naming it.
    public static func read(directory: String) throws -> ProbeRecord? {
        let root = SystemRoot(prefix: directory)
        let file = "/" + fileName
        guard root.exists(file) else { return nil }
        let text = try root.readText(file, limit: 16 * 1024 * 1024)
        do {
            return try SystemInfo.makeJSONDecoder().decode(ProbeRecord.self, from: Data(text.utf8))
        } catch {
            throw PerfVError.malformedFile(path: root.resolve(file), reason: "not a probe record: \(error)")
        }
    }
}
