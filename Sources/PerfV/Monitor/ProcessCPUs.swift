/// The CPUs the calling process may run on: its affinity, already narrowed by its
/// cpuset cgroup, as the kernel prints it in /proc/self/status (fs/proc/array.c):
///
///     Cpus_allowed_list:	0-3,8
///
/// Under Slurm's task/affinity or task/cgroup plugin this is the job's CPUs.
public enum ProcessCPUs {
    public static let statusPath = "/proc/self/status"

    /// The allowed CPUs, ascending; `PerfVError.malformedFile` when the line is missing or bad.
    public static func allowed(root: SystemRoot = .live) throws -> [Int] {
        let text = try root.readText(statusPath, limit: 64 * 1024)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else {
            throw PerfVError.malformedFile(path: statusPath, reason: "no Cpus_allowed_list line")
        }
        let list = KernelText.trimmed(line.dropFirst("Cpus_allowed_list:".count))
        return try CPUList.parse(String(list), path: statusPath)
    }
}
