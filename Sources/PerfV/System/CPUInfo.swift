/// The processor as `perfv-report info` shows it: CPUID identity plus topology.
public struct CPUInfo: Sendable, Equatable, Codable {
    public var vendor: String
    public var family: Int
    public var model: Int
    public var stepping: Int
    public var brand: String?
    public var maxBasicLeaf: UInt32
    public var maxExtendedLeaf: UInt32
    /// Counts and the file they came from; nil when neither sysfs nor /proc/cpuinfo could be read.
    public var topology: CPUTopology?
    /// Why `topology` is nil.
    public var topologyError: String?

    /// Combines the CPUID identity with the topology, read from sysfs first and
    /// /proc/cpuinfo (`procCPUInfo`) when sysfs fails.
    public static func gather(identity: CPUIdentity, root: SystemRoot,
                              procCPUInfo: Result<ProcCPUInfo, PerfVError>) -> CPUInfo {
        var topology: CPUTopology?
        var topologyError: String?
        do {
            topology = try CPUTopology.fromSysfs(root: root)
        } catch let sysfsError {
            switch procCPUInfo {
            case let .success(info):
                topology = CPUTopology.from(info)
            case let .failure(cpuinfoError):
                topologyError = "\(sysfsError); \(cpuinfoError)"
            }
        }
        return CPUInfo(vendor: identity.vendor, family: identity.family, model: identity.model,
                       stepping: identity.stepping, brand: identity.brand,
                       maxBasicLeaf: identity.maxBasicLeaf, maxExtendedLeaf: identity.maxExtendedLeaf,
                       topology: topology, topologyError: topologyError)
    }
}
