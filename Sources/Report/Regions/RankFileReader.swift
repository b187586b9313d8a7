import Foundation

/// Finds rank files under the paths a user names and decodes them, checking what
/// the merge relies on: valid JSON, the rank file's fields, parents that exist.
enum RankFileReader {
    /// The rank files `paths` name: a file itself; in a directory, its `rank_*.json`,
    /// or else those of its subdirectories (a `$PERFV_OUTPUT_DIRECTORY` holding
    /// several `perfv_<run>` runs). Sorted within each directory.
    static func locate(_ paths: [String]) throws(RegionsError) -> [String] {
        var found: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missing(path: path) }
            guard isDirectory.boolValue else {
                found.append(path)
                continue
            }
            var inDirectory = rankFiles(in: path)
            if inDirectory.isEmpty {
                for subdirectory in entries(of: path) { inDirectory += rankFiles(in: path + "/" + subdirectory) }
            }
            guard !inDirectory.isEmpty else { throw .noRankFiles(directory: path) }
            found += inDirectory
        }
        return found
    }

    /// Decodes the rank file at `path`.
    static func read(_ path: String) throws(RegionsError) -> RankFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
        // Parsed once untyped first, so broken JSON and a wrong layout get different messages.
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .malformedJSON(file: path, reason: (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)")
        }
        let file: RankFile
        do {
            file = try JSONDecoder().decode(RankFile.self, from: data)
        } catch let error as DecodingError {
            throw .wrongSchema(file: path, reason: schemaProblem(error))
        } catch {
            throw .wrongSchema(file: path, reason: "\(error)")
        }
        for (threadID, thread) in file.threads {
            for (id, region) in thread.regions where thread.namePath(of: id) == nil {
                throw .wrongSchema(file: path, reason: "thread \(threadID), region \(id) (\(region.name)): parent_region_id \(region.parentRegionID) is not a region of that thread")
            }
        }
        return file
    }

    private static func rankFiles(in directory: String) -> [String] {
        entries(of: directory).filter { $0.hasPrefix("rank_") && $0.hasSuffix(".json") }.map { directory + "/" + $0 }
    }

    /// The names in `directory`, sorted; none when it is not a directory.
    private static func entries(of directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// Where in the file the layout differs, in the file's own key names.
    private static func schemaProblem(_ error: DecodingError) -> String {
        func at(_ path: [CodingKey]) -> String { path.isEmpty ? "top level" : path.map(\.stringValue).joined(separator: ".") }
        switch error {
        case let .keyNotFound(key, context): return "missing \"\(key.stringValue)\" at \(at(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(at(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
