import Foundation
import Report

/// `export --textfile DIR`: DIR/perfv.prom for node_exporter's textfile collector,
/// written whole through a temporary file and rename(2) (``AtomicFile``), so the
/// collector never reads half a file.
public enum PrometheusTextfile {
    public static let fileName = "perfv.prom"

    /// Writes `text` to `directory`/perfv.prom; returns the path.
    @discardableResult
    public static func write(_ text: String, directory: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw NodeMetricsError.notADirectory(path: directory)
        }
        let path = directory + "/" + fileName
        try AtomicFile.write(text, to: path)
        return path
    }
}
