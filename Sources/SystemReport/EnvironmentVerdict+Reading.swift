import Foundation
import PerfV

extension EnvironmentVerdict {
    /// Reads `<directory>/expected.json`.
    public static func read(directory: String) throws -> EnvironmentVerdict {
        let path = directory + "/" + fileName
        let text = try SystemRoot.live.readText(path, limit: 1024 * 1024)
        do {
            return try SystemInfo.makeJSONDecoder().decode(EnvironmentVerdict.self, from: Data(text.utf8))
        } catch {
            throw PerfVError.malformedFile(path: path, reason: "not a verdict: \(error)")
        }
    }
}
