import CPerfV
import Foundation
import Testing

/// Helpers shared by the libperfv tests: calling string getters, running code
/// on another thread, and finding the built library and the package's files.
enum CAPITestSupport {
    /// Initializes the library for a test (idempotent).
    static func initialize() throws {
        try #require(perfv_init(PERFV_VERSION_NUMBER) == PERFV_OK, "\(lastError())")
    }

    /// `PERFV_VERSION`, whose function-like macro does not import.
    static var PERFV_VERSION_NUMBER: Int32 {
        (Int32(PERFV_VERSION_MAJOR) << 16) | (Int32(PERFV_VERSION_MINOR) << 8) | Int32(PERFV_VERSION_PATCH)
    }

    static func lastError() -> String {
        String(cString: perfv_last_error_message())
    }

    /// Calls a `(buffer, capacity, length)` getter with room to spare; returns the
    /// status and the text.
    static func text(_ getter: (UnsafeMutablePointer<CChar>?, Int, UnsafeMutablePointer<Int>?) -> Int32)
        -> (status: Int32, text: String)
    {
        var buffer = [CChar](repeating: 0, count: 4096)
        var length = 0
        let status = buffer.withUnsafeMutableBufferPointer { getter($0.baseAddress, $0.count, &length) }
        return (status, String(cString: buffer))
    }

    /// Runs `body` on a new thread and waits for its result.
    static func onAnotherThread<Result>(_ body: @escaping () -> Result) -> Result {
        let box = ResultBox<Result>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.start()
        done.wait()
        return box.value!
    }

    /// The package root, from this file's path (Tests/CAPITests/…).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The directory the test binary was built into; `swift build --build-tests`
    /// puts libperfv.so there too.
    static var buildDirectory: URL {
        URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]).deletingLastPathComponent()
    }

    /// The built libperfv.so next to the test binary.
    static func builtLibrary() throws -> URL {
        let library = buildDirectory.appendingPathComponent("libperfv.so")
        try #require(FileManager.default.fileExists(atPath: library.path),
                     "no libperfv.so in \(buildDirectory.path): build with `swift build --build-tests` first")
        return library
    }

    /// A fresh temporary directory for compiled programs.
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("perfv-capi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Compiles the C program at `source` (relative to the package root) with
    /// warnings as errors into `work`, linked against the built libperfv.so and
    /// `libraries`; returns the program's path.
    static func compileC(_ source: String, flags: [String] = [], libraries: [String] = [], into work: URL) throws -> String {
        try compileC(file: packageRoot.appendingPathComponent(source), flags: flags, libraries: libraries, into: work)
    }

    /// ``compileC(_:flags:libraries:into:)`` for a source file anywhere, e.g. a rewritten copy in `work`.
    static func compileC(file source: URL, flags: [String] = [], libraries: [String] = [], into work: URL) throws -> String {
        let cc = try #require(findProgram(["cc", "gcc", "clang"]), "no C compiler on PATH")
        let libraryDirectory = try builtLibrary().deletingLastPathComponent().path
        let program = work.appendingPathComponent(source.deletingPathExtension().lastPathComponent).path
        let build = try run(cc, ["-O2", "-Wall", "-Wextra", "-Werror"] + flags + [
            source.path,
            "-I", packageRoot.appendingPathComponent("Sources/CPerfV/include").path,
            "-L", libraryDirectory, "-lperfv",
        ] + libraries.map { "-l" + $0 } + ["-Wl,-rpath," + libraryDirectory, "-o", program])
        try #require(build.status == 0, "cc \(source.path) failed:\n\(build.error)")
        return program
    }

    /// Compiles the Fortran module (fortran/perfv.f90, strictly: -std=f2018
    /// -Werror) and the program at `source` with it into `work`, linked against
    /// the built libperfv.so; returns the program's path.
    static func compileFortran(file source: URL, into work: URL) throws -> String {
        let gfortran = try #require(findProgram(["gfortran"]), "no gfortran on PATH")
        let libraryDirectory = try builtLibrary().deletingLastPathComponent().path
        let module = work.appendingPathComponent("perfv.o").path
        let program = work.appendingPathComponent(source.deletingPathExtension().lastPathComponent).path
        let compileModule = try run(gfortran, [
            "-O2", "-Wall", "-Werror", "-std=f2018", "-c",
            packageRoot.appendingPathComponent("fortran/perfv.f90").path,
            "-J", work.path, "-o", module,
        ])
        try #require(compileModule.status == 0, "gfortran (module) failed:\n\(compileModule.error)")
        let build = try run(gfortran, [
            "-O2", "-Wall", source.path, "-I", work.path, module,
            "-L", libraryDirectory, "-lperfv", "-Wl,-rpath," + libraryDirectory, "-o", program,
        ])
        try #require(build.status == 0, "gfortran \(source.lastPathComponent) failed:\n\(build.error)")
        return program
    }

    /// Runs `executable` with `arguments` (in `environment`, or this process's);
    /// returns its exit status, standard output and error.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws
        -> (status: Int32, output: String, error: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read before waiting, so a full pipe cannot block the child.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self),
                String(decoding: errorData, as: UTF8.self))
    }

    /// The first program of `candidates` on PATH (e.g. cc, gfortran).
    static func findProgram(_ candidates: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in candidates {
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}

/// Carries a value out of another thread; the semaphore orders the accesses.
final class ResultBox<Value>: @unchecked Sendable {
    var value: Value?
}
