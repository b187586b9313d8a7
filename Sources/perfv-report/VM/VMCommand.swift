import ArgumentParser
import Foundation
import VMM

/// `perfv-report vm run mmm|io|net|personality`: runs one workload in a fresh PerfV VM and prints
/// the guest console, the checksum, guest-side timing (wall, steal, steal-adjusted), the
/// exits and every vCPU's virtual counters; `personality` prints the checks of what the
/// `--personality` presents instead.
struct VMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vm",
        abstract: "Run workloads inside PerfV's own KVM virtual machine.",
        subcommands: [Run.self]
    )

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one workload in a fresh VM.",
            subcommands: [MMM.self, IO.self, Net.self, Personality.self]
        )
    }

    /// Runs the VM and prints its report; a guest or VMM failure is printed and exits non-zero.
    static func execute(_ configuration: MachineConfiguration, json: Bool, parameters: [String: String]) throws {
        let parameters = parameters.merging(["personality": configuration.personality.rawValue]) { $1 }
        let result: RunResult
        do {
            result = try Machine(configuration).run()
        } catch let error as VMMError {
            FileHandle.standardError.write(Data("perfv-report vm: \(error)\n".utf8))
            throw ExitCode.failure
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(VMRunReport(result, parameters: parameters)))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(VMRunReport(result, parameters: parameters).text)
        }
    }
}

extension Workload.MMMKernel: ExpressibleByArgument {}
extension Workload.IOMode: ExpressibleByArgument {}
extension HypervisorPersonality: ExpressibleByArgument {}
