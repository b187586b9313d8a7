/// What one vCPU's guest reported through the hypercall port, plus how it ended.
/// Written by that vCPU's thread only; read by the host after the thread finished.
public struct GuestReport: Sendable {
    /// PERFV_HC_EXIT a0; nil if the vCPU never exited on its own.
    public var exitStatus: UInt64?
    /// PERFV_HC_RESULT key → value (a later report of a key replaces the earlier one).
    public var results: [UInt64: UInt64] = [:]
    /// PERFV_HC_SNAPSHOT: the host's view of this vCPU's counters at each snapshot, with its tag.
    public var snapshots: [(tag: UInt64, counters: CounterValues)] = []
}
