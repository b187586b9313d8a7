import PerfV

/// Every error of the node admin tools; each description is the message a user reads.
public enum NodeMetricsError: Error, Equatable, CustomStringConvertible {
    /// A system call failed (socket, lock, append).
    case systemCall(SystemCallError)
    /// `export --textfile` was given something that is not a writable directory.
    case notADirectory(path: String)
    /// `--listen` is not "IPv4:PORT".
    case badListenAddress(String)
    /// `--results` holds no results.json, or one that does not decode.
    case unreadableResults(path: String, reason: String)
    /// `job end` found no record from `job begin` for this job.
    case missingJobBegin(jobID: String, path: String)
    /// A job's begin record exists but cannot be read back.
    case unreadableJobBegin(jobID: String, path: String, reason: String)
    /// No job id: neither --job-id nor SLURM_JOB_ID.
    case missingJobID
    /// A job id with characters that cannot be part of a file name.
    case badJobID(String)
    /// The job's CPU list could not be found or parsed.
    case badCPUList(String)

    public var description: String {
        switch self {
        case let .systemCall(error): return error.description
        case let .notADirectory(path): return "\(path) is not a directory (node_exporter's --collector.textfile.directory)"
        case let .badListenAddress(text): return "--listen \(text): expected IPV4:PORT, e.g. 127.0.0.1:9464 (port 0 picks a free one)"
        case let .unreadableResults(path, reason): return "cannot read sweep results \(path): \(reason)"
        case let .missingJobBegin(jobID, path):
            return "job \(jobID) has no begin record (\(path) is missing): run `perfv-report job begin` in the prolog first"
        case let .unreadableJobBegin(jobID, path, reason): return "job \(jobID): cannot read its begin record \(path): \(reason)"
        case .missingJobID: return "no job id: pass --job-id or run under Slurm (SLURM_JOB_ID)"
        case let .badJobID(id): return "job id \"\(id)\" may hold only letters, digits, '.', '_' and '-'"
        case let .badCPUList(reason): return "the job's CPUs: \(reason)"
        }
    }
}
