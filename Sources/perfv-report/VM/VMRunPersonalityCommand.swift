import ArgumentParser
import Foundation
import VMM

extension VMCommand {
    struct Personality: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "personality",
            abstract: "Check what the --personality presents: CPUID, Hyper-V's time MSRs, VMware's backdoor.",
            discussion: """
                The guest reads CPUID 0, 1, 0x40000000-0x40000010 and PerfV's 0x40000100 block; reads \
                TIME_REF_COUNT and VP_RUNTIME around a spin, each bracketed by kvmclock reads; writes and \
                reads back GUEST_OS_ID; calls the VMware backdoor (GETVERSION, GETHZ, a wrong magic). \
                The host checks each against the personality (absent sources must fault or float) and \
                PerfV's hypervisor detection against the CPUID table the guest saw. Exits non-zero when a check fails.
                """)

        @Option(name: .long, help: "Milliseconds of guest spin between the two time-source reads (1...10000).")
        var spinMs: UInt64 = 20

        @OptionGroup var machine: MachineOptions

        func validate() throws {
            guard (1...10_000).contains(spinMs) else { throw ValidationError("--spin-ms must be in 1...10000") }
        }

        func run() throws {
            let result: RunResult
            do {
                result = try Machine(machine.configuration(.personality(machine.personality, spinMilliseconds: spinMs), vcpus: 1)).run()
            } catch let error as VMMError {
                FileHandle.standardError.write(Data("perfv-report vm: \(error)\n".utf8))
                throw ExitCode.failure
            }
            let report = PersonalityReport(result, personality: machine.personality)
            if machine.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                FileHandle.standardOutput.write(try encoder.encode(PersonalityRunReport(report, console: result.console)))
                FileHandle.standardOutput.write(Data("\n".utf8))
            } else {
                print("guest console:")
                for line in result.console.split(separator: "\n") { print("  | \(line)") }
                print("\npersonality \(machine.personality.rawValue): CPUID the guest saw")
                print(report.cpuid.text.split(separator: "\n").map { "  \($0)" }.joined(separator: "\n"))
                print("")
                for check in report.checks {
                    print("\(check.passed ? "PASS" : "FAIL")  \(check.name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(check.detail)")
                }
            }
            guard report.passed else { throw ExitCode.failure }
        }
    }
}
