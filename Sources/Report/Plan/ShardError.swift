/// Why a `--shard I/N` (or the Slurm array variables it defaults from) names no shard.
public enum ShardError: Error, Equatable, CustomStringConvertible {
    /// Not of the form I/N with whole numbers.
    case malformed(text: String)
    /// N must be at least 1.
    case countNotPositive(count: Int)
    /// I must satisfy 0 ≤ I < N.
    case indexOutOfRange(index: Int, count: Int)
    /// A SLURM_ARRAY_* variable is set but is not a whole number.
    case slurmVariable(name: String, value: String)
    /// Some of the SLURM_ARRAY_* variables a shard needs are set, others not.
    case slurmIncomplete(missing: [String])

    public var description: String {
        switch self {
        case let .malformed(text):
            return "--shard takes I/N with whole numbers, 0 ≤ I < N (I counts from 0); '\(text)' is not one"
        case let .countNotPositive(count):
            return "shard count N must be at least 1; got \(count)"
        case let .indexOutOfRange(index, count):
            return "shard index I must satisfy 0 ≤ I < N (I counts from 0); got \(index)/\(count)"
        case let .slurmVariable(name, value):
            return "\(name)='\(value)' is not a whole number"
        case let .slurmIncomplete(missing):
            return "a Slurm job array sets SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT; missing: \(missing.joined(separator: ", "))"
        }
    }
}
