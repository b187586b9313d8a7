import SystemCalls

/// What can stop a run of the sweep. Each description is the message a user reads.
public enum SweepError: Error, Equatable, CustomStringConvertible {
    /// A system call on a scratch file failed; the call names the file.
    case systemCall(SystemCallError)
    /// pwrite/pread moved fewer bytes than asked (a full disk, a truncated file).
    case shortTransfer(call: String, path: String, expected: Int, got: Int)
    /// Data read back from the I/O file differs from what was written.
    case dataMismatch(path: String, block: Int)
    /// The VM run finished without reporting a value the sweep needs.
    case missingGuestResult(caseID: String, what: String)

    public var description: String {
        switch self {
        case let .systemCall(error):
            return error.description
        case let .shortTransfer(call, path, expected, got):
            return "\(call) on \(path) moved \(got) bytes, expected \(expected)"
        case let .dataMismatch(path, block):
            return "block \(block) read back from \(path) differs from what was written"
        case let .missingGuestResult(caseID, what):
            return "the guest run of \(caseID) reported no \(what)"
        }
    }
}
