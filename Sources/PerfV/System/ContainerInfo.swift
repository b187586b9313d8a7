/// Whether this process runs in a container, which runtime made it, the
/// cgroup version, and the CPU quota the container gets — from files alone
/// (no environment variables), so it works on an offline root too.
public struct ContainerInfo: Sendable, Equatable, Codable {
    public static let dockerEnvPath = "/.dockerenv"
    public static let podmanEnvPath = "/run/.containerenv"
    public static let initCgroupPath = "/proc/1/cgroup"
    public static let cgroupRoot = "/sys/fs/cgroup"

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

        var version: Int?
        var quota: Double?
        var quotaSource: String?
        if root.exists(cgroupRoot + "/cgroup.controllers") {
            version = 2
            let path = cgroupRoot + "/cpu.max"
            if root.exists(path) {
                // "max 100000" or "<quota> <period>", in microseconds.
                let words = try KernelText.words(root.readText(path, limit: KernelText.oneValueLimit), path: path)
                guard words.count == 2, let period = Double(words[1]), period > 0 else {
                    throw PerfVError.malformedFile(path: path, reason: "expected \"<quota|max> <period>\"")
                }
                quotaSource = path
                if words[0] != "max" {
                    guard let limit = Double(words[0]) else {
                        throw PerfVError.malformedFile(path: path, reason: "quota \"\(words[0])\" is neither a number nor max")
                    }
                    quota = limit / period
                }
            }
        } else if let directory = ["/cpu", "/cpu,cpuacct"].map({ cgroupRoot + $0 }).first(where: { root.exists($0) }) {
            version = 1
            let quotaPath = directory + "/cpu.cfs_quota_us", periodPath = directory + "/cpu.cfs_period_us"
            if root.exists(quotaPath) && root.exists(periodPath) {
                let limit = try KernelText.integer(root.readText(quotaPath, limit: KernelText.oneValueLimit), path: quotaPath)
                let period = try KernelText.integer(root.readText(periodPath, limit: KernelText.oneValueLimit), path: periodPath)
                quotaSource = quotaPath
                // -1 means no limit.
                if limit > 0 && period > 0 { quota = Double(limit) / Double(period) }
            }
        }
        // Kubernetes runs on one of the others; name the orchestrator.
        let runtime = ["kubernetes", "podman", "docker", "containerd"].first { runtimes.contains($0) }
        return ContainerInfo(runtime: runtime, cgroupVersion: version, cpuQuota: quota,
                             cpuQuotaSource: quotaSource, evidence: evidence)
    }
}
