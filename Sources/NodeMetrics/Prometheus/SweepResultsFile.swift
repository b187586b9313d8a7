import Foundation
import Report

/// Reads `--results DIR` (a sweep's output folder, or its results.json) with Report's reader.
public enum SweepResultsFile {
    public static func read(_ path: String) throws -> SweepResults {
        var isDirectory: ObjCBool = false
        let file = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? path + "/results.json" : path
        guard let data = FileManager.default.contents(atPath: file) else {
            throw NodeMetricsError.unreadableResults(path: file, reason: "no such file")
        }
        do {
            return try ResultsJSON.decode(data)
        } catch {
            throw NodeMetricsError.unreadableResults(path: file, reason: "\(error)")
        }
    }
}
