import ArgumentParser
import Foundation
import NodeMetrics
import PerfV

/// `perfv-report job begin|end`: steal, run-queue delay and cgroup throttling on a
/// batch job's CPUs, for a Slurm prolog and epilog (Slurm's accounting has no steal).
struct JobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Record steal, run-queue delay and throttling on a job's CPUs (Slurm prolog/epilog).",
        discussion: """
        `job begin` (prolog) keeps a sample in F.begin-<job id>; `job end` (epilog) appends one JSON line \
        with the job's deltas to F. The job id comes from --job-id or SLURM_JOB_ID, the CPUs from --cpus \
        or this process's allowed CPUs (Cpus_allowed_list in /proc/self/status).
        """,
        subcommands: [Begin.self, End.self]
    )

    struct Options: ParsableArguments {
        @Option(name: .long, help: "The file the job lines are appended to.")
        var file: String

        @Option(name: .customLong("job-id"), help: "The job id (default: SLURM_JOB_ID).")
        var jobID: String?

        @Option(name: .long, help: "The job's CPUs in the kernel's list format, e.g. 0-3,8 (default: this process's allowed CPUs).")
        var cpus: String?

        @Option(name: .long, help: "A cgroup directory whose cpu.stat to read (default: this process's cpu cgroup).")
        var cgroup: String?

        @Option(name: .long, help: "Read /proc and /sys under this directory instead of / (a fixture or capture).")
        var root: String?

        var systemRoot: SystemRoot { root.map { SystemRoot(prefix: $0) } ?? .live }

        func resolvedJobID() throws -> String {
            guard let id = jobID ?? ProcessInfo.processInfo.environment["SLURM_JOB_ID"] else { throw NodeMetricsError.missingJobID }
            try JobLedger.checkJobID(id)
            return id
        }

        func resolvedCPUs() throws -> [Int] {
            do {
                if let cpus { return try CPUList.parse(cpus, path: "--cpus") }
                return try ProcessCPUs.allowed(root: systemRoot)
            } catch let error as PerfVError {
                throw NodeMetricsError.badCPUList("\(error)")
            }
        }

        func sample() throws -> NodeSample {
            try NodeSampler(root: systemRoot, cgroupDirectory: cgroup).sample(includeTasks: false)
        }
    }

    struct Begin: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Keep the job's starting sample (prolog).")
        @OptionGroup var options: Options

        func run() throws {
            let jobID = try options.resolvedJobID()
            try JobLedger(file: options.file).begin(jobID: jobID, cpus: try options.resolvedCPUs(), sample: try options.sample())
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Append the job's deltas to the file (epilog).")
        @OptionGroup var options: Options

        func run() throws {
            let jobID = try options.resolvedJobID()
            let line = try JobLedger(file: options.file).end(jobID: jobID, sample: try options.sample(),
                                                             node: ProcessInfo.processInfo.hostName)
            let steal = line.steal
            print("job \(jobID): \(String(format: "%.3f", steal.seconds)) s on CPUs \(steal.cpus.map(String.init).joined(separator: ",")), "
                + "steal " + (steal.stealSeconds.map { String(format: "%.3f CPU-s", $0) } ?? "unknown"))
        }
    }
}
