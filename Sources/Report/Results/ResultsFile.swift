import Foundation

/// One sweep's results.json read back, with the file it came from.
public struct ResultsFile: Sendable {
    public let path: String
    public let results: SweepResults

    /// Reads `path`: a results.json, or a directory holding one (a sweep's --out), or a
    /// directory of such directories (a Slurm array's shard_<task> folders).
    public static func read(_ path: String) throws(ResultsFileError) -> [ResultsFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missing(path: path) }
        guard isDirectory.boolValue else { return [try readFile(path)] }
        let direct = (path as NSString).appendingPathComponent("results.json")
        if FileManager.default.fileExists(atPath: direct) { return [try readFile(direct)] }
        let children = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        let nested = children.map { (path as NSString).appendingPathComponent($0) + "/results.json" }
            .filter { FileManager.default.fileExists(atPath: $0) }
        if nested.isEmpty { throw .noResults(directory: path) }
        var files: [ResultsFile] = []
        for file in nested { files.append(try readFile(file)) }
        return files
    }

    /// Reads each path in turn (``read(_:)``).
    public static func read(paths: [String]) throws(ResultsFileError) -> [ResultsFile] {
        var files: [ResultsFile] = []
        for path in paths { files += try read(path) }
        return files
    }

    private static func readFile(_ file: String) throws(ResultsFileError) -> ResultsFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw .unreadable(file: file, reason: error.localizedDescription)
        }
        struct Version: Decodable {
            let formatVersion: Int
            enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
        }
        if let version = try? JSONDecoder().decode(Version.self, from: data), version.formatVersion != SweepResults.formatVersion {
            throw .unsupportedFormat(file: file, version: version.formatVersion, supported: SweepResults.formatVersion)
        }
        do {
            return ResultsFile(path: file, results: try ResultsJSON.decode(data))
        } catch {
            throw .malformed(file: file, reason: Self.reason(error))
        }
    }

    /// A decoding error in a sentence: what was wrong and where in the document.
    private static func reason(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch decoding {
        case let .dataCorrupted(context): return "\(context.debugDescription) (at \(at(context.codingPath)))"
        case let .keyNotFound(key, context): return "missing \"\(key.stringValue)\" at \(at(context.codingPath))"
        case let .typeMismatch(_, context): return "\(context.debugDescription) (at \(at(context.codingPath)))"
        case let .valueNotFound(_, context): return "\(context.debugDescription) (at \(at(context.codingPath)))"
        @unknown default: return "\(decoding)"
        }
    }
}
