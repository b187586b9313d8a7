import SystemCalls
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
/// reject a bad path during argument validation, before any work starts;
/// ``claim(now:)`` then takes the directory for one run atomically, so two runs
/// started at once never share a folder.
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
        if !holdsRun(path) { return OutputDirectory(path: path, isNewSubfolder: false, replacesPreviousRun: false) }
        if force { return OutputDirectory(path: path, isNewSubfolder: false, replacesPreviousRun: true) }
        var attempt = 1
        while FileManager.default.fileExists(atPath: subfolder(of: path, now: now, attempt: attempt)) { attempt += 1 }
        return OutputDirectory(path: subfolder(of: path, now: now, attempt: attempt), isNewSubfolder: true, replacesPreviousRun: false)
    }

    /// The file that marks a directory as taken by a run in progress; ``release()`` removes it.
    public static let claimFileName = ".perfv-run"

    /// Takes the directory for this run alone and returns where the run writes.
    ///
    /// The directory (and missing parents) is created, then claimed by creating
    /// ``claimFileName`` with O_EXCL. When another run holds it, or finished a run
    /// there since ``resolve(requested:force:now:)`` looked (without `force`), the run
    /// gets a new `run-…` sub-folder made with mkdir(2), which fails on one that exists.
    public func claim(now: Date = Date()) throws -> OutputDirectory {
        let base = isNewSubfolder ? (path as NSString).deletingLastPathComponent : path
        do {
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotCreate(path: base, reason: error.localizedDescription)
        }
        if !isNewSubfolder, try Self.createClaimFile(in: path) {
            if replacesPreviousRun || !Self.holdsRun(path) { return self }
            release()
        }
        var attempt = 1
        while true {
            let candidate = Self.subfolder(of: base, now: now, attempt: attempt)
            if mkdir(candidate, 0o777) == 0 {
                _ = try Self.createClaimFile(in: candidate)
                return OutputDirectory(path: candidate, isNewSubfolder: true, replacesPreviousRun: false)
            }
            let failure = SystemCallError.lastError(of: "mkdir")
            guard failure.errno == EEXIST else { throw OutputError.cannotCreate(path: candidate, reason: failure.description) }
            attempt += 1
        }
    }

    /// Gives the directory up: removes the claim file (the results files now mark it).
    /// A run killed before this leaves the file, and later runs take sub-folders until it is deleted.
    public func release() {
        unlink(file(Self.claimFileName))
    }

    /// The full path of a file in this directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// True when `path` holds a previous run's results.
    private static func holdsRun(_ path: String) -> Bool {
        resultFileNames.contains { FileManager.default.fileExists(atPath: path + "/" + $0) }
    }

    /// Creates the claim file in `directory` with O_EXCL; false when it exists (another run holds it).
    private static func createClaimFile(in directory: String) throws -> Bool {
        let claimPath = directory + "/" + claimFileName
        do {
            _ = try FileDescriptor(opening: claimPath, O_WRONLY | O_CREAT | O_EXCL, permissions: 0o644)
            return true
        } catch {
            guard error.errno == EEXIST else { throw OutputError.cannotCreate(path: claimPath, reason: error.description) }
            return false
        }
    }

    /// The `attempt`th candidate sub-folder: `run-YYYYMMDD-HHMMSS`, then `-2`, `-3`, ….
    private static func subfolder(of base: String, now: Date, attempt: Int) -> String {
        "\(base)/run-\(timestamp(now))" + (attempt == 1 ? "" : "-\(attempt)")
    }

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
