/// Where a run executes.
public enum Side: String, Codable, CaseIterable, Sendable {
    /// On the host (the machine PerfV runs on), measured by a PerfV region.
    case host
    /// Inside a fresh PerfV VM, timed by the guest through kvmclock and KVM steal time.
    case guest
}
