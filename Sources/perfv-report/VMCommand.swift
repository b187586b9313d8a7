import PerfV
import ArgumentParser
import CGuestABI
import Foundation
import class Sweep.ScratchFile
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

    /// Options every `vm run` workload takes.
    struct MachineOptions: ParsableArguments {
        @Option(name: .long, help: "Guest RAM in MiB (a multiple of 2, 16...3072).")
        var memoryMib: UInt64 = 256

        @Option(name: .long, help: "Seconds before the watchdog stops the guest.")
        var timeout: Double = 120

        @Option(name: .long, parsing: .upToNextOption, help: "Host CPU for each vCPU thread, in vCPU order.")
        var pin: [Int] = []

        @Option(name: .long, help: "Bind guest RAM to this NUMA node (libnuma).")
        var numaNode: Int?

        @Option(name: .long, help: ArgumentHelp(
            "The hypervisor the guest sees: kvm (KVM's CPUID block, the default), hyperv (\"Microsoft Hv\" with TIME_REF_COUNT, VP_RUNTIME and GUEST_OS_ID MSRs), vmware (\"VMwareVMware\" with the 0x40000010 timing leaf and the backdoor port 0x5658) or none (no hypervisor bit, no 0x4000xxxx leaves).",
            valueName: "kvm|hyperv|vmware|none"))
        var personality: HypervisorPersonality = .kvm

        @Flag(name: .long, help: "Print one JSON object instead of text.")
        var json = false

        func validate() throws {
            let range = (GuestLayout.minimumRAMBytes >> 20)...(GuestLayout.maximumRAMBytes >> 20)
            guard range.contains(memoryMib), memoryMib % (GuestLayout.largePageBytes >> 20) == 0 else {
                throw ValidationError("--memory-mib must be an even number of MiB in 16...3072")
            }
            guard MachineConfiguration.isValidTimeout(timeout) else {
                throw ValidationError("--timeout must be \(MachineConfiguration.timeoutRule)")
            }
            if let bad = pin.first(where: { $0 < 0 }) { throw ValidationError("--pin: \(bad) is not a CPU number") }
            if let numaNode, numaNode < 0 { throw ValidationError("--numa-node must be a node number (0 or more)") }
        }

        func configuration(_ workload: Workload, vcpus: Int) -> MachineConfiguration {
            var configuration = MachineConfiguration(workload: workload)
            configuration.memoryBytes = memoryMib << 20
            configuration.vcpuCount = vcpus
            configuration.timeoutSeconds = timeout
            configuration.pinnedCPUs = pin.isEmpty ? nil : pin
            configuration.numaNode = numaNode
            configuration.personality = personality
            return configuration
        }
    }

    struct MMM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mmm", abstract: "Double-precision N×N matrix multiply in the guest.")

        @Option(name: .long, help: "Matrix size N.")
        var size: UInt32

        @Option(name: .long, help: "Kernel: naive or blocked.")
        var kernel: Workload.MMMKernel = .blocked

        @Option(name: .long, help: "Tile size of the blocked kernel.")
        var blockSize: UInt32 = 32

        @Option(name: .long, help: "vCPUs (each multiplies a share of the rows).")
        var vcpus = 1

        @OptionGroup var machine: MachineOptions

        func validate() throws {
            guard size >= 1, size <= 4096 else { throw ValidationError("--size must be in 1...4096") }
            guard blockSize >= 1 else { throw ValidationError("--block-size must be at least 1") }
            guard (1...GuestLayout.maximumVCPUs).contains(vcpus) else {
                throw ValidationError("--vcpus must be in 1...\(GuestLayout.maximumVCPUs)")
            }
            let matrices = 3 * UInt64(size) * UInt64(size) * UInt64(MemoryLayout<Double>.stride)
            guard MachineConfiguration.memoryBytes(forDataBytes: matrices, vcpuCount: vcpus) <= machine.memoryMib << 20 else {
                throw ValidationError("three \(size)×\(size) matrices do not fit in \(machine.memoryMib) MiB of guest RAM; raise --memory-mib")
            }
        }

        func run() throws {
            let workload = Workload.mmm(size: size, kernel: kernel, blockSize: blockSize)
            try VMCommand.execute(machine.configuration(workload, vcpus: vcpus), json: machine.json,
                                  parameters: ["workload": "mmm", "size": "\(size)", "kernel": kernel.rawValue,
                                               "block_size": "\(blockSize)", "vcpus": "\(vcpus)"])
        }
    }

    struct IO: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "io", abstract: "Write then read M blocks of B bytes through the VM's block device.")

        @Option(name: .long, help: "Number of blocks M.")
        var blocks: UInt32

        @Option(name: .long, help: "Block size B in bytes.")
        var blockSize: UInt32

        @Option(name: .long, help: "per-request (one exit per request) or batched (one doorbell exit per batch).")
        var mode: Workload.IOMode

        @Option(name: .long, help: "Backing file (default: a temporary file, unlinked at once so no exit leaves it behind).")
        var file: String?

        @OptionGroup var machine: MachineOptions

        func validate() throws {
            guard blocks >= 1 else { throw ValidationError("--blocks must be at least 1") }
            guard blockSize >= 1, blockSize <= 1 << 20 else { throw ValidationError("--block-size must be in 1...1048576") }
            // The guest keeps every block to verify what it reads back.
            guard MachineConfiguration.memoryBytes(forDataBytes: UInt64(blocks) * UInt64(blockSize)) <= machine.memoryMib << 20 else {
                throw ValidationError("\(blocks) blocks of \(blockSize) bytes do not fit in \(machine.memoryMib) MiB of guest RAM; raise --memory-mib")
            }
        }

        func run() throws {
            let scratch = file == nil ? try ScratchFile(in: FileManager.default.temporaryDirectory.path) : nil
            let path = file ?? scratch!.devicePath
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw ValidationError("cannot create the backing file \(path)")
                }
            }
            var configuration = machine.configuration(.io(blocks: blocks, blockBytes: blockSize, mode: mode), vcpus: 1)
            configuration.blockDevicePath = path
            try withExtendedLifetime(scratch) {
                try VMCommand.execute(configuration, json: machine.json,
                                      parameters: ["workload": "io", "blocks": "\(blocks)", "block_size": "\(blockSize)",
                                                   "mode": mode.rawValue, "file": scratch?.path ?? path])
            }
        }
    }

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

/// The JSON shape of one `vm run personality`.
struct PersonalityRunReport: Encodable {
    struct Check: Encodable {
        var name: String
        var passed: Bool
        var detail: String
    }
    var personality: String
    var passed: Bool
    var checks: [Check]
    /// The CPUID table the guest saw, in RecordedCPUID's text form (`info --root` reads it as `cpuid`).
    var cpuid: String
    var console: String

    init(_ report: PersonalityReport, console: String) {
        personality = report.personality.rawValue
        passed = report.passed
        checks = report.checks.map { Check(name: $0.name, passed: $0.passed, detail: $0.detail) }
        cpuid = report.cpuid.text
        self.console = console
    }
}

/// The JSON (and text) shape of one `vm run`.
struct VMRunReport: Encodable {
    struct Guest: Encodable {
        var wall_ns: UInt64?
        var steal_ns: UInt64?
        var adjusted_ns: UInt64?
    }
    struct Exits: Encodable {
        var total: UInt64
        var by_reason: [String: UInt64]
        var block_device_exits: UInt64
        var block_device_requests: UInt64
    }
    struct Host: Encodable {
        var wall_ns: UInt64
        var setup_ns: UInt64
        var first_exit_ns: UInt64?
        var run_delay_ns: [UInt64?]
    }
    struct VCPUCounters: Encodable {
        var vcpu: Int
        var values: [String: UInt64]
        var unavailable: [String]
        var results: [String: UInt64]
    }

    var parameters: [String: String]
    /// FNV-1a 64 of the result bytes, as 0x-prefixed hex (a JSON number cannot hold 64 bits exactly).
    var checksum: String?
    var guest: Guest
    var exits: Exits
    var host: Host
    var counters: [VCPUCounters]
    var console: String

    init(_ result: RunResult, parameters: [String: String]) {
        self.parameters = parameters
        checksum = result.checksum.map { "0x" + String($0, radix: 16) }
        guest = Guest(wall_ns: result.guestWallNanoseconds, steal_ns: result.guestStealNanoseconds,
                      adjusted_ns: result.guestAdjustedNanoseconds)
        exits = Exits(total: result.exitsTotal, by_reason: result.exitsByReason,
                      block_device_exits: result.blockDeviceExits, block_device_requests: result.blockDeviceRequests)
        host = Host(wall_ns: result.hostWallNanoseconds, setup_ns: result.setupNanoseconds,
                    first_exit_ns: result.firstExitNanoseconds, run_delay_ns: result.runDelayNanoseconds)
        counters = result.counters.enumerated().map { vcpu, values in
            VCPUCounters(
                vcpu: vcpu, values: values.byName,
                unavailable: VirtualCounter.allCases.filter { !values.isAvailable($0) }.map(\.description),
                results: Dictionary(uniqueKeysWithValues: result.reports[vcpu].results.map { (VMRunReport.resultName($0.key), $0.value) }))
        }
        console = result.console
    }

    static func resultName(_ key: UInt64) -> String {
        switch key {
        case UInt64(PERFV_RESULT_CHECKSUM.rawValue): return "checksum"
        case UInt64(PERFV_RESULT_WALL_NS.rawValue): return "wall_ns"
        case UInt64(PERFV_RESULT_STEAL_NS.rawValue): return "steal_ns"
        case UInt64(PERFV_RESULT_BYTES.rawValue): return "bytes"
        case UInt64(PERFV_RESULT_REQUESTS.rawValue): return "requests"
        case UInt64(PERFV_RESULT_GP_FAULTS.rawValue): return "gp_faults"
        case UInt64(PERFV_RESULT_AVAILABLE_MASK.rawValue): return "available_mask"
        default: return "key_\(key)"
        }
    }

    var text: String {
        func milliseconds(_ value: UInt64?) -> String {
            value.map { String(format: "%.3f ms", Double($0) / 1e6) } ?? "not reported"
        }
        var lines = ["guest console:"]
        lines += console.split(separator: "\n", omittingEmptySubsequences: false).dropLast(console.hasSuffix("\n") ? 1 : 0).map { "  | \($0)" }
        lines.append("")
        lines.append("checksum        \(checksum ?? "not reported")")
        lines.append("guest wall      \(milliseconds(guest.wall_ns))")
        lines.append("guest steal     \(milliseconds(guest.steal_ns))")
        lines.append("steal-adjusted  \(milliseconds(guest.adjusted_ns))")
        let reasons = exits.by_reason.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("exits           \(exits.total) (\(reasons))")
        if exits.block_device_requests > 0 {
            lines.append("block device    \(exits.block_device_requests) requests in \(exits.block_device_exits) exits")
        }
        lines.append("host wall       \(milliseconds(host.wall_ns)) (VM set-up \(milliseconds(host.setup_ns)), first exit after \(milliseconds(host.first_exit_ns)))")
        for entry in counters {
            lines.append("")
            lines.append("vCPU \(entry.vcpu) virtual counters (host run delay over the whole VM run \(milliseconds(host.run_delay_ns[entry.vcpu])))")
            for counter in VirtualCounter.allCases {
                let value = entry.values[counter.description].map(String.init) ?? "unavailable"
                lines.append("  \(counter.description.padding(toLength: 24, withPad: " ", startingAt: 0)) \(value)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
