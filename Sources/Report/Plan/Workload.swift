/// A kind of work a sweep measures.
public enum Workload: String, Codable, CaseIterable, Sendable {
    /// Dense double-precision matrix multiplication, N×N (CKernels' `perfv_mmm_*`).
    case mmm
    /// Write then read M blocks of B bytes: pwrite/pread on the host, the block device in the guest.
    case io
}
