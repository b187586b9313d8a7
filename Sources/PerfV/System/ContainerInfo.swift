/// Whether this process runs in a container, which runtime made it, the
/// cgroup version, and the CPU quota the container gets — from files alone
/// (no environment variables), so it works on an offline root too.
public struct ContainerInfo: Sendable, Equatable, Codable {
    public static let dockerEnvPath = "/.dockerenv"
    public static let podmanEnvPath = "/run/.containerenv"
    public static let initCgroupPath = "/proc/1/cgroup"
    public static let cgroupRoot = CgroupCPUController.mountRoot

    /// "kubernetes", "docker", "podman", "containerd", or nil when none is seen.
    @AlwaysEncoded public var runtime: String?
    /// 1 or 2; nil when /sys/fs/cgroup shows neither.
    @AlwaysEncoded public var cgroupVersion: Int?
    /// CPUs the quota allows (quota / period); nil when unlimited or unknown.
    @AlwaysEncoded public var cpuQuota: Double?
    /// The file the quota came from.
    public var cpuQuotaSource: String?
    /// One line per fact, naming its file.
    public var evidence: [String]

    /// Reads the evidence under `root`. A malformed quota file is an error naming it.
    public static func gather(root: SystemRoot) throws -> ContainerInfo {
        var evidence: [String] = []
        var runtimes: [String] = []
        if let text = try? root.readText(initCgroupPath, limit: 64 * 1024) {
            // Kubernetes pods sit under kubepods; docker and containerd name their scopes.
            for (marker, runtime) in [("kubepods", "kubernetes"), ("docker", "docker"),
                                      ("libpod", "podman"), ("containerd", "containerd")] where text.contains(marker) {
                evidence.append("\(initCgroupPath) mentions \(marker)")
                runtimes.append(runtime)
            }
        }
        if root.exists(dockerEnvPath) { evidence.append("\(dockerEnvPath) exists"); runtimes.append("docker") }
        if root.exists(podmanEnvPath) { evidence.append("\(podmanEnvPath) exists"); runtimes.append("podman") }

        // The container's own group is the root of what it sees of the hierarchy.
        let mount = CgroupCPUController.mount(root: root)
        let quota = try mount.flatMap { try CgroupCPUQuota.read(directory: $0.directory, version: $0.version, root: root) }
        // Kubernetes runs on one of the others; name the orchestrator.
        let runtime = ["kubernetes", "podman", "docker", "containerd"].first { runtimes.contains($0) }
        return ContainerInfo(runtime: runtime, cgroupVersion: mount?.version, cpuQuota: quota?.cpus,
                             cpuQuotaSource: quota?.source, evidence: evidence)
    }
}
