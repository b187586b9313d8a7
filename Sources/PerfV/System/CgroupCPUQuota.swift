/// A cgroup's CFS bandwidth limit: at most `limitMicroseconds` of CPU time per
/// `periodMicroseconds` of wall time, summed over the group's threads
/// (Documentation/scheduler/sched-bwc.rst).
public struct CgroupCPUQuota: Sendable, Equatable {
    /// CPU time allowed per period; nil when the group is unlimited (v2 "max", v1 -1).
    public var limitMicroseconds: Int64?
    public var periodMicroseconds: Int64
    /// The file the limit came from (cpu.max, or cpu.cfs_quota_us on v1).
    public var source: String

    public init(limitMicroseconds: Int64?, periodMicroseconds: Int64, source: String) {
        self.limitMicroseconds = limitMicroseconds
        self.periodMicroseconds = periodMicroseconds
        self.source = source
    }

    /// CPUs the limit allows (limit / period); nil when unlimited.
    public var cpus: Double? {
        limitMicroseconds.map { Double($0) / Double(periodMicroseconds) }
    }

    /// Reads the limit of cgroup `directory` (a live path under `root`): cpu.max on
    /// v2, cpu.cfs_quota_us and cpu.cfs_period_us on v1. Nil when the files are absent;
    /// a malformed file is `PerfVError.malformedFile` naming it.
    public static func read(directory: String, version: Int, root: SystemRoot) throws -> CgroupCPUQuota? {
        if version == 2 {
            let path = directory + "/cpu.max"
            guard root.exists(path) else { return nil }
            // "max 100000" or "<quota> <period>", in microseconds.
            let words = try KernelText.words(root.readText(path, limit: KernelText.oneValueLimit), path: path)
            guard words.count == 2, let period = Int64(words[1]), period > 0 else {
                throw PerfVError.malformedFile(path: path, reason: "expected \"<quota|max> <period>\"")
            }
            if words[0] == "max" { return CgroupCPUQuota(limitMicroseconds: nil, periodMicroseconds: period, source: path) }
            guard let limit = Int64(words[0]), limit > 0 else {
                throw PerfVError.malformedFile(path: path, reason: "quota \"\(words[0])\" is neither a positive number nor max")
            }
            return CgroupCPUQuota(limitMicroseconds: limit, periodMicroseconds: period, source: path)
        }
        let quotaPath = directory + "/cpu.cfs_quota_us", periodPath = directory + "/cpu.cfs_period_us"
        guard root.exists(quotaPath), root.exists(periodPath) else { return nil }
        let limit = try KernelText.integer(root.readText(quotaPath, limit: KernelText.oneValueLimit), path: quotaPath)
        let period = try KernelText.integer(root.readText(periodPath, limit: KernelText.oneValueLimit), path: periodPath)
        guard period > 0 else {
            throw PerfVError.malformedFile(path: periodPath, reason: "period \(period) is not positive")
        }
        // -1 means no limit.
        return CgroupCPUQuota(limitMicroseconds: limit > 0 ? Int64(limit) : nil, periodMicroseconds: Int64(period),
                              source: quotaPath)
    }
}
