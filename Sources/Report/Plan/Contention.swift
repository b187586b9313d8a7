/// What else competes for the measured CPU during a run.
public enum Contention: String, Codable, CaseIterable, Sendable {
    /// Nothing PerfV starts competes for the core.
    case none
    /// A busy-looping thread is pinned to the same core as the worker (host) or
    /// the vCPU thread (guest), so the scheduler gives each about half the core.
    case pinnedHog = "pinned-hog"
}
