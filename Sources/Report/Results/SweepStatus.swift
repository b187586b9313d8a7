/// How far a sweep got; results.json says it so a reader knows whether runs are missing.
public enum SweepStatus: String, Codable, Sendable {
    /// Still running: the files hold the runs finished so far.
    case running
    /// Every case ran (some may have failed; see the failures).
    case complete
    /// Stopped by SIGINT (Ctrl-C) or SIGTERM; the files hold the runs finished before it.
    case interrupted
    /// An error stopped the sweep (the failure with case "sweep" says which); the files hold the runs before it.
    case failed
}
