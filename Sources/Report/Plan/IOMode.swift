/// How I/O requests reach the storage.
public enum IOMode: String, Codable, CaseIterable, Sendable {
    /// Host only: one pwrite/pread system call per block.
    case syscall
    /// Guest: one VM exit (port write) per block request.
    case perRequest = "per-request"
    /// Guest: requests queued in a ring, one doorbell exit per batch.
    case batched

    /// The modes a guest run can use; `--io-modes` accepts these.
    public static let guestModes: [IOMode] = [.perRequest, .batched]
}
