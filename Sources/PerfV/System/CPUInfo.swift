/// The processor as `perfv-report info` shows it: CPUID identity plus topology.
public struct CPUInfo: Sendable, Equatable, Codable {
    public var vendor: String
    /// Family, model and stepping; nil when the identity's source does not say
    /// (a /proc/cpuinfo without the line).
    @AlwaysEncoded public var family: Int?
    @AlwaysEncoded public var model: Int?
    @AlwaysEncoded public var stepping: Int?
    public var brand: String?
    /// Where vendor, family, model, stepping and brand came from: "cpuid" or
    /// "/proc/cpuinfo" (an offline root without CPUID leaves).
    public var identitySource: String = "cpuid"
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

    /// The identity on an offline root without CPUID leaves: what the kernel
    /// printed in /proc/cpuinfo, or nothing known when that was unreadable.
    public mutating func useIdentity(of processor: ProcCPUInfo?) {
        vendor = processor?.vendorID ?? "unknown"
        family = processor?.family
        model = processor?.model
        stepping = processor?.stepping
        brand = processor?.modelName
        identitySource = processor == nil ? "none (no CPUID leaves, \(ProcCPUInfo.path) unreadable)" : ProcCPUInfo.path
    }

    /// "GenuineIntel family 6 model 106 stepping 6", leaving out what is unknown.
    public var signature: String {
        let known = [("family", family), ("model", model), ("stepping", stepping)]
            .compactMap { name, value in value.map { "\(name) \($0)" } }
        return ([vendor] + known).joined(separator: " ")
    }
}
