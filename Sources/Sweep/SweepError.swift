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
    /// Fewer datagrams reached the network case's receiver than were sent.
    case datagramsLost(expected: Int, received: Int, receiveBufferBytes: Int)
    /// A datagram the receiver read is not the one the sender sent at that place.
    case datagramMismatch(sequence: Int, what: String)

    /// Runs `body`, reporting a failed call as ``systemCall(_:)`` about `path` (when the call does not name it).
    static func reporting<Result: ~Copyable>(_ path: String? = nil, _ body: () throws(SystemCallError) -> Result) throws(SweepError) -> Result {
        do { return try body() } catch { throw .systemCall(path.map(error.about) ?? error) }
    }

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
        case let .datagramsLost(expected, received, bufferBytes):
            return "\(received) of \(expected) datagrams reached the receiver (receive buffer \(bufferBytes) bytes; without CAP_NET_ADMIN it is capped by net.core.rmem_max)"
        case let .datagramMismatch(sequence, what):
            return "datagram \(sequence) at the receiver: \(what)"
        }
    }
}
