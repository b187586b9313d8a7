import ArgumentParser
import PerfV

@main
struct PerfVReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perfv-report",
        abstract: "Virtualization-aware performance measurement: system info, VM runs, sweeps, named regions.",
        version: PerfVVersion.string,
        subcommands: [InfoCommand.self, CaptureCommand.self, SweepCommand.self, VMCommand.self, RegionsCommand.self,
                      MonitorCommand.self, ExportCommand.self, JobCommand.self,
                      SlurmScriptCommand.self, MergeCommand.self, CompareCommand.self]
    )
}
