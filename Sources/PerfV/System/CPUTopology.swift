/// How many logical CPUs, cores and sockets the kernel sees, and where that came from.
public struct CPUTopology: Sendable, Equatable, Codable {
    /// Which kernel file the counts were read from.
    public enum Source: String, Sendable, Codable {
        /// /sys/devices/system/cpu/online and cpu*/topology/{physical_package_id,core_id}.
        case sysfs = "/sys/devices/system/cpu/*/topology"
        /// "processor", "physical id" and "core id" lines of /proc/cpuinfo.
        case procCPUInfo = "/proc/cpuinfo"
    }

    /// Online logical CPUs (hardware threads).
    public var logicalCPUCount: Int
    /// Distinct (socket, core) pairs among them.
    public var cores: Int
    /// Distinct sockets (physical packages) among them.
    public var sockets: Int
    public var source: Source

    /// Reads the topology from /sys/devices/system/cpu under `root`.
    public static func fromSysfs(root: SystemRoot) throws -> CPUTopology {
        let onlinePath = "/sys/devices/system/cpu/online"
        let online = try CPUList.parse(root.readText(onlinePath, limit: 64 * 1024), path: onlinePath)
        var packages = Set<Int>()
        var cores = Set<[Int]>()
        for cpu in online {
            let directory = "/sys/devices/system/cpu/cpu\(cpu)/topology"
            let packagePath = directory + "/physical_package_id"
            let corePath = directory + "/core_id"
            let package = try KernelText.integer(root.readText(packagePath, limit: KernelText.oneValueLimit), path: packagePath)
            let core = try KernelText.integer(root.readText(corePath, limit: KernelText.oneValueLimit), path: corePath)
            packages.insert(package)
            cores.insert([package, core])
        }
        return CPUTopology(logicalCPUCount: online.count, cores: cores.count, sockets: packages.count, source: .sysfs)
    }

    /// Counts from parsed /proc/cpuinfo. A processor without "physical id" /
    /// "core id" (some hypervisors omit them) counts as its own core and socket 0.
    public static func from(_ info: ProcCPUInfo) -> CPUTopology {
        let packages = Set(info.processors.map { $0.physicalID ?? 0 })
        let cores = Set(info.processors.map { [$0.physicalID ?? 0, $0.coreID ?? -1 - $0.index] })
        return CPUTopology(logicalCPUCount: info.processors.count, cores: cores.count, sockets: packages.count, source: .procCPUInfo)
    }
}
