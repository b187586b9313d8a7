import Foundation
import Testing
@testable import Report

/// `perfv-report vm run` as a user runs it: a child process.
@Suite("perfv-report vm command", .serialized)
struct VMCommandTests {
    @Test("a timeout whose nanoseconds overflow 64 bits is a validation error naming the option and the maximum",
          arguments: ["1e11", "1e300", "inf", "nan", "0"])
    func timeoutBounds(timeout: String) throws {
        let (status, _, stderr) = try BuiltProduct.runReport(["vm", "run", "mmm", "--size", "16", "--timeout", timeout])
        #expect(status == 64, "ArgumentParser's validation exit code; stderr: \(stderr)")
        #expect(stderr.contains("--timeout must be a positive number of seconds, at most 9223372036"), "stderr: \(stderr)")
    }

    /// A child of this process may start with SIGINT blocked, so SIGKILL follows: the
    /// image must not survive even a death that runs no clean-up at all.
    @Test("Ctrl-C (or a kill) during vm run io leaves no scratch image behind", .enabled(if: guestRunsPossible))
    func interruptLeavesNoScratch() throws {
        let temporary = try TemporaryDirectory()
        let scratch = temporary.file("tmp")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let process = try BuiltProduct.startReport(
            ["vm", "run", "io", "--blocks", "400000", "--block-size", "512", "--mode", "per-request"],
            standardOutput: FileHandle.nullDevice, standardError: FileHandle.nullDevice, environment: ["TMPDIR": scratch])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        Thread.sleep(forTimeInterval: 1.5)
        try #require(process.isRunning, "the run ended before the signal; make it longer")
        kill(process.processIdentifier, SIGINT)
        Thread.sleep(forTimeInterval: 1.0)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
    }

    @Test("an unknown --personality is a validation error naming the choices")
    func unknownPersonality() throws {
        let (status, _, stderr) = try BuiltProduct.runReport(["vm", "run", "personality", "--personality", "xen"])
        #expect(status == 64, "stderr: \(stderr)")
        #expect(stderr.contains("'xen'") && stderr.contains("'kvm', 'hyperv', 'vmware' or 'none'"), "stderr: \(stderr)")
    }

    @Test("vm run personality passes its guest checks for hyperv and vmware, and prints them",
          .enabled(if: guestRunsPossible), arguments: ["hyperv", "vmware"])
    func personalityChecks(personality: String) throws {
        let (status, stdout, stderr) = try BuiltProduct.runReport(["vm", "run", "personality", "--personality", personality])
        #expect(status == 0, "stdout: \(stdout)\nstderr: \(stderr)")
        #expect(stdout.contains("PASS  detection") && !stdout.contains("FAIL"), "stdout: \(stdout)")
        #expect(stdout.contains(personality == "hyperv" ? "PASS  TIME_REF_COUNT" : "PASS  GETHZ = CPUID 0x40000010"), "stdout: \(stdout)")
    }

    @Test("vm run net sends every datagram to its receiver in both modes", .enabled(if: guestRunsPossible), arguments: ["per-packet", "batched"])
    func network(mode: String) throws {
        let (status, stdout, stderr) = try BuiltProduct.runReport(["vm", "run", "net", "--packets", "200", "--packet-size", "1472", "--mode", mode])
        #expect(status == 0, "stderr: \(stderr)")
        #expect(stdout.contains("all 200 datagrams arrived once, in order, intact"), "stdout: \(stdout)")
    }

    @Test("vm run net rejects a packet too small to carry its sequence number")
    func networkValidation() throws {
        let (status, _, stderr) = try BuiltProduct.runReport(["vm", "run", "net", "--packets", "2", "--packet-size", "4", "--mode", "batched"])
        #expect(status == 64, "stderr: \(stderr)")
        #expect(stderr.contains("--packet-size must be in 8...65507"), "stderr: \(stderr)")
    }
}
