import ArgumentParser
import Foundation
import PerfV
import SystemReport
import VMM

/// `perfv-report capture`: packs this machine as an environment entry (the
/// files detection reads, CPUID leaves, probe outcomes, clock costs, verdict,
/// provenance) for a bug report; `info --root` reads it back anywhere.
struct CaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Capture this machine for offline diagnosis (read it back with `info --root`).",
        discussion: "--out ending in .tar.gz writes an archive (default perfv-capture-<host>.tar.gz); any other --out is a directory."
    )

    @Option(name: .long, help: "Output: a .tar.gz archive, or a directory.")
    var out: String?

    func run() throws {
        let host = ProcessInfo.processInfo.hostName
        let output = out ?? "perfv-capture-\(host).tar.gz"
        let command = (["perfv-report"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        if output.hasSuffix(".tar.gz") || output.hasSuffix(".tgz") {
            let staging = FileManager.default.temporaryDirectory.appendingPathComponent("perfv-capture-\(UUID().uuidString)")
            let directory = staging.appendingPathComponent("perfv-capture-\(host)").path
            defer { try? FileManager.default.removeItem(at: staging) }
            try EnvironmentCapture.capture(into: directory, command: command, probeKVM: { KVMSystem.probe(files: $0) })
            try EnvironmentCapture.pack(directory: directory, into: output)
        } else {
            try EnvironmentCapture.capture(into: output, command: command, probeKVM: { KVMSystem.probe(files: $0) })
        }
        print("captured this machine to \(output); read it with: perfv-report info --root \(output)")
    }
}
