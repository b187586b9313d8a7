import ArgumentParser

@main
struct PerfVReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perfv-report",
        abstract: "Virtualization-aware performance measurement: system info, VM runs, sweeps.",
        subcommands: [InfoCommand.self, VMCommand.self]
    )
}
