import PerfV

/// Everything a sweep wrote to results.json: provenance, the plan, every run and the analysis.
public struct SweepResults: Codable, Equatable, Sendable {
    /// Bumped when a field changes meaning or disappears.
    public static let formatVersion = 1

    public var formatVersion: Int
    public var perfvVersion: String
    /// The exact command line, argv[0] first.
    public var commandLine: [String]
    /// ISO 8601, UTC.
    public var startedAt: String
    public var finishedAt: String?
    public var status: SweepStatus
    /// The machine the sweep ran on, stored as its `perfv-report info --json` object.
    @SystemInfoJSON public var machine: SystemInfo
    public var plan: SweepPlan
    /// The node the sweep ran on (uname nodename); nil in files from before it was recorded.
    public var node: String?
    /// The Slurm job it ran in; nil outside Slurm.
    public var slurm: SlurmContext?
    /// The part of ``plan`` this sweep ran (``SweepShard``); nil in files from before shards.
    public var shard: SweepShard?
    public var skipped: [SkippedPart]
    public var exitCosts: [ExitCost]
    public var runs: [RunRecord]
    public var failures: [CaseFailure]
    public var analysis: SweepAnalysis

    public init(perfvVersion: String, commandLine: [String], startedAt: String, machine: SystemInfo, plan: SweepPlan,
                node: String? = nil, slurm: SlurmContext? = nil, shard: SweepShard? = nil) {
        formatVersion = Self.formatVersion
        self.perfvVersion = perfvVersion
        self.commandLine = commandLine
        self.startedAt = startedAt
        finishedAt = nil
        status = .running
        self.machine = machine
        self.plan = plan
        self.node = node
        self.slurm = slurm
        self.shard = shard
        skipped = []
        exitCosts = []
        runs = []
        failures = []
        analysis = SweepAnalysis(runs: [], exitCosts: [])
    }

    /// Recomputes ``analysis`` from ``runs`` and ``exitCosts``.
    public mutating func reanalyze() {
        analysis = SweepAnalysis(runs: runs, exitCosts: exitCosts)
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", perfvVersion = "perfv_version", commandLine = "command_line"
        case startedAt = "started_at", finishedAt = "finished_at", status, machine, plan, node, slurm, shard, skipped
        case exitCosts = "exit_costs", runs, failures, analysis
    }
}
