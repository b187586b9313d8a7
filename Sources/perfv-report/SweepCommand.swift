import ArgumentParser
import Foundation
import Report
import Sweep

/// `perfv-report sweep`: the same MMM and I/O workloads on the host and in PerfV VMs,
/// raw and steal-adjusted, with and without a pinned CPU hog, with the overhead
/// explained by exits × their measured cost. Writes results.json, results.csv and
/// report.html; prints a progress bar, then a compact table.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Measure what virtualization costs MMM and I/O: host vs guest, raw vs steal-adjusted, with the overhead explained.",
        discussion: """
        With no options it runs the default sweep (about two minutes on a 2-core machine) and writes \
        results.json, results.csv and report.html into perfv-results/. Without a usable /dev/kvm only the \
        host side runs and the report says why. Ctrl-C stops after the current run and keeps the results so far.
        """
    )

    @OptionGroup var plan: SweepPlanOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("kvm-device"), help: "The KVM device the guest runs use; without a usable one only the host side runs.")
    var kvmDevice = "/dev/kvm"

    @Option(name: .long, help: ArgumentHelp(
        "Run only shard I of N (I counts from 0, 0 ≤ I < N): the plan's comparison groups dealt round-robin, group g to shard g mod N.",
        discussion: "Default inside a Slurm job array: I = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN, N = SLURM_ARRAY_TASK_COUNT; otherwise 0/1 (the whole plan).",
        valueName: "I/N"))
    var shard: String?

    @Option(name: .long, help: "Progress display: auto (a bar on a terminal, lines otherwise), bar, lines or none.")
    var progress: ProgressChoice = .auto

    enum ProgressChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, bar, lines, none
    }

    func validate() throws {
        _ = try plan.plan()
        _ = try resolvedShard()
        _ = try output.directory()
    }

    func run() throws {
        let sweepPlan = try plan.plan()
        let sweepShard = try resolvedShard()
        let directory = try output.directory()
        if directory.isNewSubfolder {
            FileHandle.standardError.write(Data("\(output.out) holds a previous run; writing into \(directory.path) (use --force to replace it)\n".utf8))
        }
        InterruptSignal.install()
        let style: ProgressReporter.Style? = switch progress {
        case .auto: nil
        case .bar: .bar
        case .lines: .lines
        case .none: .silent
        }
        let sweep = Sweep(plan: sweepPlan, output: directory, commandLine: CommandLine.arguments,
                          perfvVersion: PerfVReport.configuration.version, progressStyle: style, kvmPath: kvmDevice,
                          shard: sweepShard)
        let results = try sweep.run()

        if sweepShard != .whole { print("shard \(sweepShard) of the plan on node \(results.node ?? "(unknown)")") }
        print(TerminalTable.render(results.analysis), terminator: "")
        for part in results.skipped { print("skipped \(part.what): \(part.reason)") }
        for failure in results.failures { print("FAILED \(failure.caseID): \(failure.message)") }
        let mismatches = results.analysis.checksumMismatches
        for check in mismatches {
            print("CHECKSUM MISMATCH at N=\(check.size): " + check.checksums.sorted { $0.key < $1.key }
                .map { "\($0.key) from \($0.value.joined(separator: ", "))" }.joined(separator: "; "))
        }
        // The folder the sweep claimed: another run may have taken the one resolved above.
        let writer = sweep.writer
        print("wrote \(writer.jsonPath), \(writer.csvPath), \(writer.htmlPath)")
        if results.status == .interrupted {
            print("interrupted: the files hold the \(results.runs.count) runs finished before the signal")
            throw ExitCode(130)
        }
        if !mismatches.isEmpty { throw ExitCode(3) }
    }

    /// `--shard`, else the Slurm job array's task, else the whole plan.
    private func resolvedShard() throws -> SweepShard {
        do {
            if let shard { return try SweepShard(parsing: shard) }
            return try SweepShard.fromSlurm(environment: ProcessInfo.processInfo.environment) ?? .whole
        } catch {
            throw ValidationError(error.description)
        }
    }
}
