import Foundation
import Testing

/// PerfV as a dependency, the way a user's package takes it: by URL and version.
/// SwiftPM refuses a versioned dependency whose targets use unsafe build flags, so
/// this builds a throwaway package that depends on a tagged clone of this one and
/// uses every library product (PerfV, VMM, the C interface), then runs it.
@Suite("Package: usable as a versioned dependency")
struct DependentPackageTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("a package depending on a tagged PerfV by version builds and runs with every library product",
          .enabled(if: FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(".git").path),
                   "needs this package as a git checkout, to clone and tag"),
          .timeLimit(.minutes(20)))
    func dependsByVersion() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("perfv-dependent-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let library = work.appendingPathComponent("perfv")
        let consumer = work.appendingPathComponent("consumer")
        try FileManager.default.createDirectory(at: consumer.appendingPathComponent("Sources/Consumer"),
                                                withIntermediateDirectories: true)

        // The committed state, as a user would fetch it.
        try Self.run("/usr/bin/git", ["clone", "--quiet", Self.packageRoot.path, library.path])
        try Self.run("/usr/bin/git", ["-C", library.path, "tag", "1.0.0"])

        try """
        // swift-tools-version: 6.1
        import PackageDescription

        let package = Package(
            name: "Consumer",
            dependencies: [.package(url: "\(library.absoluteString)", from: "1.0.0")],
            targets: [
                .executableTarget(name: "Consumer", dependencies: [
                    .product(name: "PerfV", package: "perfv"),
                    .product(name: "VMM", package: "perfv"),
                    .product(name: "perfv", package: "perfv"),
                ]),
            ]
        )
        """.write(to: consumer.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try """
        import CPerfV
        import PerfV
        import VMM

        // One symbol from each product: a clock read, the embedded guest image, the C interface.
        let now = Clock.monotonic.nanoseconds()
        let image = try ELFImage(bytes: GuestImage.bundledELF, ramBytes: 64 << 20)
        print("ok", now > 0, image.segments.count > 0, perfv_library_version() > 0)
        """.write(to: consumer.appendingPathComponent("Sources/Consumer/main.swift"), atomically: true, encoding: .utf8)

        let swift = try #require(Self.swiftExecutable(), "no swift on PATH")
        let build = try Self.run(swift, ["build", "--package-path", consumer.path], check: false)
        #expect(!build.output.contains("unsafe build flags"), "\(build.output)")
        try #require(build.status == 0, "the dependent package does not build:\n\(build.output)")
        let run = try Self.run(swift, ["run", "--skip-build", "--package-path", consumer.path, "Consumer"])
        #expect(run.output.contains("ok true true true"), "\(run.output)")
    }

    /// `swift` from PATH (scripts/test puts the toolchain's first).
    static func swiftExecutable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        return path.split(separator: ":").map { "\($0)/swift" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A command that had to succeed and did not.
    struct CommandFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs a program; its standard output and error together. Throws on a non-zero exit when `check`.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], check: Bool = true) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if check && process.terminationStatus != 0 {
            throw CommandFailed(description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus):\n\(output)")
        }
        return (process.terminationStatus, output)
    }
}
