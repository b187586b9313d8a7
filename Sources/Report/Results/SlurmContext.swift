/// The Slurm job a sweep ran in, from the SLURM_* variables Slurm sets for a batch
/// job's script; recorded in results.json so a fleet report can say which job and
/// array task produced which numbers.
public struct SlurmContext: Codable, Equatable, Sendable {
    public var jobID: String
    public var arrayJobID: String?
    public var arrayTaskID: String?
    public var arrayTaskCount: String?
    public var arrayTaskMin: String?
    public var nodeList: String?
    public var clusterName: String?

    /// Nil outside a Slurm job (no SLURM_JOB_ID).
    public init?(environment: [String: String]) {
        guard let job = environment["SLURM_JOB_ID"] else { return nil }
        jobID = job
        arrayJobID = environment["SLURM_ARRAY_JOB_ID"]
        arrayTaskID = environment["SLURM_ARRAY_TASK_ID"]
        arrayTaskCount = environment["SLURM_ARRAY_TASK_COUNT"]
        arrayTaskMin = environment["SLURM_ARRAY_TASK_MIN"]
        nodeList = environment["SLURM_JOB_NODELIST"] ?? environment["SLURM_NODELIST"]
        clusterName = environment["SLURM_CLUSTER_NAME"]
    }

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", arrayJobID = "array_job_id", arrayTaskID = "array_task_id"
        case arrayTaskCount = "array_task_count", arrayTaskMin = "array_task_min"
        case nodeList = "nodelist", clusterName = "cluster_name"
    }
}
