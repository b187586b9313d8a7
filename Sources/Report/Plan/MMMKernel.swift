/// Which of the shared MMM kernels (Sources/CKernels) a run uses.
public enum MMMKernel: String, Codable, CaseIterable, Sendable {
    /// Textbook i-k-j loops (`perfv_mmm_naive`).
    case naive
    /// Cache-blocked tiles (`perfv_mmm_blocked`); bit-identical results to `naive`.
    case blocked
}
