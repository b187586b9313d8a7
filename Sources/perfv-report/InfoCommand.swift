import ArgumentParser
import Foundation
import PerfV
import SystemReport
import VMM

/// `perfv-report info`: what a cluster admin wants to know about a node at a
/// glance — VM or not, which hypervisor, PMU or why not, clocks, KVM, steal.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the hypervisor, CPU, TSC and clocks, KVM, PMU, NUMA, steal time and PAPI view of this machine."
    )

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Flag(name: .long, help: "Skip the clock survey (resolution and read cost of each clock).")
    var noClocks = false

    @Option(name: .long, help: "Report on a capture (.tar.gz or directory) or any directory laid out like / instead of this machine; nothing is measured here.")
    var root: String?

    func run() throws {
        var info: SystemInfo
        if let root {
            var directory = root
            if root.hasSuffix(".tar.gz") || root.hasSuffix(".tgz") {
                directory = try EnvironmentCapture.unpack(archive: root)
            }
            info = try SystemInfo.gather(rootDirectory: directory)
        } else {
            info = SystemInfo.gatherWithKVMProbe(measureClocks: !noClocks)
        }
        if json {
            let data = try info.jsonData()
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(InfoText(info).render())
        }
    }
}
