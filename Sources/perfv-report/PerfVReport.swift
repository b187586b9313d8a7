import ArgumentParser

@main
struct PerfVReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perfv-report",
        abstract: "Virtualization-aware performance measurement: system info, VM runs, sweeps.",
        version: "0.1.0",
        subcommands: [InfoCommand.self, SweepCommand.self, VMCommand.self]
    )
}
