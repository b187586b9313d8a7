import ArgumentParser
import Foundation
import class Sweep.ScratchFile
import VMM

extension VMCommand {
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
}
