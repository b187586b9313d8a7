/// Time tasks waited on each CPU's run queue, from /proc/schedstat
/// (Documentation/scheduler/sched-stats.rst; present with CONFIG_SCHEDSTATS):
///
///     version 15
///     timestamp 4295…
///     cpu0 yld 0 sched goidle ttwu ttwu_local rq_cpu_time run_delay pcount
///     domain0 …
///
/// `run_delay` (the 8th value of a cpu line, in ns) is the summed time tasks were
/// runnable on that CPU but waiting for it: the per-CPU form of a thread's run delay.
public struct CPURunQueueDelay: Sendable, Equatable, Codable {
    public static let path = "/proc/schedstat"
    /// Format versions whose cpu lines carry run_delay as value 8 (Linux 2.6.23 onward).
    static let knownVersions = 15...17
    static let runDelayColumn = 8

    /// Run delay per CPU in ns since boot, indexed by CPU number; nil for a CPU without a line.
    public var perCPUNanoseconds: [Int64?]

    public init(perCPUNanoseconds: [Int64?]) {
        self.perCPUNanoseconds = perCPUNanoseconds
    }

    /// Parses /proc/schedstat content; domain lines are skipped.
    ///
    /// - Throws: `PerfVError.malformedFile` for a missing or unknown version, a cpu
    ///   line with too few or non-numeric values, or a CPU listed twice.
    public static func parse(_ text: String) throws -> CPURunQueueDelay {
        let lines = text.split(separator: "\n")
        guard let first = lines.first, first.hasPrefix("version ") else {
            throw malformed("the first line is not \"version N\"")
        }
        guard let version = Int(first.dropFirst("version ".count)), knownVersions.contains(version) else {
            throw malformed("version \"\(KernelText.excerpt(first.dropFirst("version ".count)))\" is not one PerfV reads "
                + "(\(knownVersions.lowerBound)-\(knownVersions.upperBound))")
        }
        var perCPU: [Int64?] = []
        for line in lines.dropFirst() where line.hasPrefix("cpu") {
            let words = line.split(separator: " ")
            guard let cpu = Int(words[0].dropFirst(3)), cpu >= 0, cpu < ProcStatSteal.linuxMaximumCPUCount else {
                throw malformed("line \"\(KernelText.excerpt(line))\" does not name a CPU")
            }
            guard words.count > runDelayColumn else {
                throw malformed("line cpu\(cpu) has \(words.count - 1) values; run_delay is value \(runDelayColumn)")
            }
            guard let delay = Int64(words[runDelayColumn]), delay >= 0 else {
                throw malformed("run_delay of cpu\(cpu) \"\(KernelText.excerpt(words[runDelayColumn]))\" is not an unsigned number")
            }
            if perCPU.count <= cpu { perCPU += Array(repeating: nil, count: cpu + 1 - perCPU.count) }
            guard perCPU[cpu] == nil else { throw malformed("line cpu\(cpu) appears twice") }
            perCPU[cpu] = delay
        }
        guard !perCPU.isEmpty else { throw malformed("no cpu lines") }
        return CPURunQueueDelay(perCPUNanoseconds: perCPU)
    }

    /// Reads and parses the file under `root`.
    public static func read(root: SystemRoot) throws -> CPURunQueueDelay {
        try parse(root.readText(path, limit: 4 << 20))
    }

    private static func malformed(_ reason: String) -> PerfVError {
        .malformedFile(path: path, reason: reason)
    }
}
