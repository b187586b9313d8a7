/// Why results could not be merged into one fleet report. Each description names the
/// files and is the message a user reads.
public enum FleetError: Error, Equatable, CustomStringConvertible {
    case noInputs
    /// Two results of one node ran different plans: they are not shards of one sweep.
    case planMismatch(node: String, file: String, otherFile: String)
    /// Two results of one node both hold a case: the same shard twice, or two sweeps.
    case duplicateCase(node: String, caseID: String, file: String, otherFile: String)

    public var description: String {
        switch self {
        case .noInputs:
            return "no results to merge"
        case let .planMismatch(node, file, otherFile):
            return "\(file) and \(otherFile) both come from node \(node) but ran different plans; shards of one sweep share a plan (merge them separately)"
        case let .duplicateCase(node, caseID, file, otherFile):
            return "\(file) and \(otherFile) both hold case \(caseID) of node \(node): the same shard twice, or two sweeps (merge them separately)"
        }
    }
}
