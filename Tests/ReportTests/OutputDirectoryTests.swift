import Foundation
import Testing
@testable import Report

@Suite("Output directory policy")
struct OutputDirectoryTests {
    private let noon = Date(timeIntervalSince1970: 1_700_000_000) // 2023-11-14 22:13:20 UTC

    @Test("a missing directory is used as given and created on demand")
    func missing() throws {
        let temporary = try TemporaryDirectory()
        let requested = temporary.file("a/b/results")
        let resolved = try OutputDirectory.resolve(requested: requested, force: false, now: noon)
        #expect(resolved.path == requested)
        #expect(!resolved.isNewSubfolder)
        #expect(try resolved.claim(now: noon) == resolved)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: requested, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    @Test("an existing directory without results is used as is")
    func emptyExisting() throws {
        let temporary = try TemporaryDirectory()
        try Data("notes".utf8).write(to: URL(fileURLWithPath: temporary.file("notes.txt")))
        let resolved = try OutputDirectory.resolve(requested: temporary.path, force: false, now: noon)
        #expect(resolved.path == temporary.path)
        #expect(!resolved.isNewSubfolder && !resolved.replacesPreviousRun)
    }

    @Test("a previous run is never overwritten silently: a timestamped sub-folder, then suffixes")
    func previousRun() throws {
        let temporary = try TemporaryDirectory()
        try Data("{}".utf8).write(to: URL(fileURLWithPath: temporary.file("results.json")))
        let first = try OutputDirectory.resolve(requested: temporary.path, force: false, now: noon)
        #expect(first.isNewSubfolder)
        #expect(first.path == temporary.path + "/run-20231114-221320")
        #expect(try first.claim(now: noon) == first)
        let second = try OutputDirectory.resolve(requested: temporary.path, force: false, now: noon)
        #expect(second.path == temporary.path + "/run-20231114-221320-2")
    }

    @Test("--force reuses the directory and says it replaces the previous run")
    func force() throws {
        let temporary = try TemporaryDirectory()
        try Data("x".utf8).write(to: URL(fileURLWithPath: temporary.file("report.html")))
        let resolved = try OutputDirectory.resolve(requested: temporary.path, force: true, now: noon)
        #expect(resolved.path == temporary.path)
        #expect(resolved.replacesPreviousRun && !resolved.isNewSubfolder)
    }

    @Test("a file where the directory should be is an error")
    func notADirectory() throws {
        let temporary = try TemporaryDirectory()
        let file = temporary.file("plain")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: OutputError.notADirectory(path: file)) {
            try OutputDirectory.resolve(requested: file, force: false)
        }
        #expect(throws: OutputError.notADirectory(path: file)) {
            try OutputDirectory.resolve(requested: file + "/below", force: false)
        }
    }

    @Test("a directory this user cannot write is an error, even for root (/proc/self)")
    func notWritable() throws {
        #expect(throws: OutputError.notWritable(path: "/proc/self")) {
            try OutputDirectory.resolve(requested: "/proc/self/perfv-results", force: false)
        }
    }
}
