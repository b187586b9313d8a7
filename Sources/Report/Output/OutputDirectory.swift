import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a sweep writes its files, chosen so it never silently overwrites a different run.
///
/// The policy, applied to the requested directory:
/// - missing: it is created (its nearest existing parent must be writable);
/// - present and holding no results: it is used;
/// - present and holding a previous run's results (``resultFileNames``): with `force`
///   it is used and those files are replaced; without, the sweep writes into a new
///   sub-folder `run-YYYYMMDD-HHMMSS` (UTC), suffixed `-2`, `-3`, … if that exists too.
/// ``resolve(requested:force:now:)`` only inspects the file system, so a command can
/// reject a bad path during argument validation, before any work starts.
public struct OutputDirectory: Equatable, Sendable {
    /// The files a sweep writes; their presence marks a directory as holding a run.
    public static let resultFileNames = ["results.json", "results.csv", "report.html"]

    /// The directory the files go to.
    public let path: String
    /// True when the requested directory held a previous run and this is a new sub-folder of it.
    public let isNewSubfolder: Bool
    /// True when previous results in `path` will be replaced (`force`).
    public let replacesPreviousRun: Bool

    public static func resolve(requested: String, force: Bool, now: Date = Date()) throws -> OutputDirectory {
        let path = requested.isEmpty ? "." : requested
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            try checkCreatable(path)
            return OutputDirectory(path: path, isNewSubfolder: false, replacesPreviousRun: false)
        }
        guard isDirectory.boolValue else { throw OutputError.notADirectory(path: path) }
        guard access(path, W_OK | X_OK) == 0 else { throw OutputError.notWritable(path: path) }
        let holdsRun = resultFileNames.contains { FileManager.default.fileExists(atPath: path + "/" + $0) }
        if !holdsRun { return OutputDirectory(path: path, isNewSubfolder: false, replacesPreviousRun: false) }
        if force { return OutputDirectory(path: path, isNewSubfolder: false, replacesPreviousRun: true) }
        let stamp = timestamp(now)
        var candidate = "\(path)/run-\(stamp)"
        var suffix = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(path)/run-\(stamp)-\(suffix)"
            suffix += 1
        }
        return OutputDirectory(path: candidate, isNewSubfolder: true, replacesPreviousRun: false)
    }

    /// Creates the directory (and missing parents).
    public func create() throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotCreate(path: path, reason: error.localizedDescription)
        }
    }

    /// The full path of a file in this directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// A new directory can be made when its nearest existing ancestor is a writable directory.
    private static func checkCreatable(_ path: String) throws {
        var ancestor = (path as NSString).deletingLastPathComponent
        if ancestor.isEmpty { ancestor = "." }
        var isDirectory: ObjCBool = false
        while !FileManager.default.fileExists(atPath: ancestor, isDirectory: &isDirectory) {
            let parent = (ancestor as NSString).deletingLastPathComponent
            ancestor = parent.isEmpty ? "." : parent
        }
        guard isDirectory.boolValue else { throw OutputError.notADirectory(path: ancestor) }
        guard access(ancestor, W_OK | X_OK) == 0 else { throw OutputError.notWritable(path: ancestor) }
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}
