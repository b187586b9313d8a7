import ArgumentParser
import VMM

extension VMCommand {
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
}
