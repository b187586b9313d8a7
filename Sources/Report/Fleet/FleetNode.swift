/// One node of a fleet report: every results file it produced (the shards of one
/// sweep) merged into one set of runs, its per-case summaries and its ``FleetMetric``s.
public struct FleetNode: Codable, Equatable, Sendable {
    public let name: String
    public let files: [String]
    /// "I/N" of each file, in file order.
    public let shards: [String]
    /// Slurm job ids (array job_task, or job) of each file that ran under Slurm.
    public let slurmJobs: [String]
    /// Every case the node ran, from all its files.
    public let cases: [CaseSummary]
    /// The node's value of each metric it has data for, by ``FleetMetric/rawValue``.
    public let metrics: [String: Double]

    /// Merges `files`, all from node `name`; they must share a plan and hold no case twice.
    init(name: String, files: [ResultsFile]) throws(FleetError) {
        var owner: [String: String] = [:]
        for file in files {
            if let first = files.first, file.results.plan != first.results.plan {
                throw .planMismatch(node: name, file: first.path, otherFile: file.path)
            }
            var own = Set<String>()
            for caseID in file.results.runs.map(\.caseID) where own.insert(caseID).inserted {
                if let other = owner[caseID] { throw .duplicateCase(node: name, caseID: caseID, file: other, otherFile: file.path) }
                owner[caseID] = file.path
            }
        }
        let results = files.map(\.results)
        let analysis = SweepAnalysis(runs: results.flatMap(\.runs), exitCosts: results.flatMap(\.exitCosts))
        self.name = name
        self.files = files.map(\.path)
        shards = results.map { ($0.shard ?? .whole).description }
        slurmJobs = results.compactMap { result in
            result.slurm.map { slurm in
                if let array = slurm.arrayJobID, let task = slurm.arrayTaskID { return "\(array)_\(task)" }
                return slurm.jobID
            }
        }
        cases = analysis.summaries
        var metrics: [String: Double] = [:]
        for metric in FleetMetric.allCases {
            if let value = metric.value(results: results, analysis: analysis) { metrics[metric.rawValue] = value }
        }
        self.metrics = metrics
    }

    public func value(_ metric: FleetMetric) -> Double? { metrics[metric.rawValue] }

    enum CodingKeys: String, CodingKey {
        case name, files, shards, slurmJobs = "slurm_jobs", cases, metrics
    }
}
