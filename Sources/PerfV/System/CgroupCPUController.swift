/// The cgroup whose `cpu` controller governs the calling process: the hierarchy's
/// version and the group's directory, found under a ``SystemRoot`` so fixtures work.
public struct CgroupCPUController: Sendable, Equatable {
    public static let mountRoot = "/sys/fs/cgroup"
    public static let processCgroupPath = "/proc/self/cgroup"

    /// 1 or 2.
    public var version: Int
    /// The group's directory as a live path, e.g. /sys/fs/cgroup/cpu/kubepods/pod…
    public var directory: String

    public init(version: Int, directory: String) {
        self.version = version
        self.directory = directory
    }

    /// The group's CFS bandwidth statistics (nr_periods, nr_throttled, throttled time).
    public var statPath: String { directory + "/cpu.stat" }

    /// Where the cpu controller is mounted under `root`: the unified hierarchy when
    /// /sys/fs/cgroup has cgroup.controllers (v2), else the v1 `cpu` or `cpu,cpuacct`
    /// hierarchy; nil when there is neither.
    public static func mount(root: SystemRoot) -> CgroupCPUController? {
        if root.exists(mountRoot + "/cgroup.controllers") { return CgroupCPUController(version: 2, directory: mountRoot) }
        return ["/cpu", "/cpu,cpuacct"].lazy.map { mountRoot + $0 }.first(where: root.exists)
            .map { CgroupCPUController(version: 1, directory: $0) }
    }

    /// The calling process's group: its path from /proc/self/cgroup under the mount.
    ///
    /// When that path does not exist under the mount, the mount itself is the group:
    /// a container without a cgroup namespace (Docker and Kubernetes on v1) sees the
    /// host's path in /proc/self/cgroup but has its own group bind-mounted at the root.
    /// Throws `PerfVError.unavailable` when there is no cpu controller, and
    /// `PerfVError.malformedFile` for a /proc/self/cgroup it cannot read.
    public static func locate(root: SystemRoot) throws -> CgroupCPUController {
        guard let mount = mount(root: root) else {
            throw PerfVError.unavailable(
                feature: "the cgroup cpu controller",
                reason: "\(mountRoot) has neither cgroup.controllers (v2) nor a cpu or cpu,cpuacct hierarchy (v1)")
        }
        let text = try root.readText(processCgroupPath, limit: 64 * 1024)
        let path = try groupPath(in: text, version: mount.version)
        let nested = path == "/" ? mount.directory : mount.directory + path
        let group = CgroupCPUController(version: mount.version, directory: root.exists(nested) ? nested : mount.directory)
        if group.version == 2 {
            // Every v2 group has a cpu.stat; its throttling lines need the cpu controller enabled for the group.
            let controllersPath = group.directory + "/cgroup.controllers"
            let listed = try root.readText(controllersPath, limit: KernelText.oneValueLimit)
            let controllers = KernelText.trimmed(listed[...]).split(separator: " ")
            guard controllers.contains("cpu") else {
                throw PerfVError.unavailable(
                    feature: "the cgroup cpu controller",
                    reason: "\(controllersPath) does not list cpu (it lists "
                        + (controllers.isEmpty ? "none" : controllers.joined(separator: " ")) + ")")
            }
        }
        return group
    }

    /// The group path of the cpu controller in /proc/self/cgroup text: the `0::<path>`
    /// line on v2, the line whose controller list includes `cpu` on v1.
    static func groupPath(in text: String, version: Int) throws -> String {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, fields[2].hasPrefix("/") else {
                throw PerfVError.malformedFile(
                    path: processCgroupPath,
                    reason: "line \"\(KernelText.excerpt(line))\" is not \"<id>:<controllers>:<path>\"")
            }
            let matches = version == 2
                ? fields[0] == "0" && fields[1].isEmpty
                : fields[1].split(separator: ",").contains("cpu")
            if matches { return String(fields[2]) }
        }
        throw PerfVError.unavailable(
            feature: "the cgroup cpu controller",
            reason: version == 2 ? "\(processCgroupPath) has no \"0::<path>\" line for the v2 hierarchy"
                : "no line of \(processCgroupPath) lists the cpu controller")
    }
}
