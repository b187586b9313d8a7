/// Takes ``NodeSample``s from a ``SystemRoot``: /proc/stat (steal per CPU, ctxt),
/// /proc/schedstat (run-queue delay per CPU) or, without it, every task's
/// schedstat, the cpu cgroup's cpu.stat and the current clocksource.
///
/// A root other than `.live` is a fixture laid out like `/`; its cgroup is found the
/// same way (/proc/self/cgroup under the root's /sys/fs/cgroup).
public struct NodeSampler: Sendable {
    public let root: SystemRoot
    /// The cgroup whose throttling is read; nil when no cpu controller was found.
    public let cgroup: CgroupCPUController?
    /// Why `cgroup` is nil.
    public let cgroupProblem: String?
    private let ticksPerSecond: Int64

    /// - Parameter cgroupDirectory: a cgroup directory (a live path under `root`) to read
    ///   instead of the process's own, e.g. a Slurm job's.
    public init(root: SystemRoot = .live, cgroupDirectory: String? = nil) throws {
        self.root = root
        ticksPerSecond = try UserHZ.ticksPerSecond()
        if let cgroupDirectory {
            let version = CgroupCPUController.mount(root: root)?.version ?? 1
            cgroup = CgroupCPUController(version: version, directory: cgroupDirectory)
            cgroupProblem = nil
        } else {
            do {
                cgroup = try CgroupCPUController.locate(root: root)
                cgroupProblem = nil
            } catch {
                cgroup = nil
                cgroupProblem = "\(error)"
            }
        }
    }

    /// Reads every source now.
    ///
    /// - Parameter includeTasks: read each task's schedstat when /proc/schedstat is
    ///   missing (a few hundred small reads; `monitor` wants it, `job` does not).
    /// - Throws: only when /proc/stat itself cannot be read or parsed: without it
    ///   there is no steal, which is the point of sampling.
    public func sample(includeTasks: Bool = true) throws -> NodeSample {
        let now = Clock.monotonic.nanoseconds()
        var unavailable: [String] = []
        let procStat = try root.readText(ProcStatParser.path, limit: 4 << 20)
        let steal = try ProcStatSteal.parse(procStat)
        let contextSwitches = try ContextSwitchCount.parse(procStat: procStat)

        var runQueueDelay: [Int64?]?
        var taskRunDelay: [Int32: Int64]?
        if root.exists(CPURunQueueDelay.path) {
            runQueueDelay = try CPURunQueueDelay.read(root: root).perCPUNanoseconds
        } else {
            unavailable.append("\(CPURunQueueDelay.path): absent (kernel without CONFIG_SCHEDSTATS)"
                + (includeTasks ? "; run delay is summed over every task instead, not per CPU" : ""))
            if includeTasks { taskRunDelay = readTaskRunDelays() }
        }

        var throttling: CgroupCPUStat?
        if let cgroup {
            let path = cgroup.statPath
            if root.exists(path) {
                throttling = try CgroupCPUStat.parse(root.readText(path, limit: 64 * 1024), version: cgroup.version, path: path)
            } else {
                unavailable.append("cgroup throttling: \(path) does not exist")
            }
        } else {
            unavailable.append("cgroup throttling: \(cgroupProblem ?? "no cpu controller")")
        }

        var clocksource: String?
        do {
            clocksource = try Clocksource.read(root: root).current
        } catch {
            unavailable.append("clocksource: \(error)")
        }
        return NodeSample(monotonicNanoseconds: now, ticksPerSecond: ticksPerSecond, stealTicks: steal.perCPUTicks,
                          contextSwitches: contextSwitches, runQueueDelayNanoseconds: runQueueDelay,
                          taskRunDelayNanoseconds: taskRunDelay, throttling: throttling,
                          cgroupDirectory: cgroup?.directory, clocksource: clocksource, unavailable: unavailable)
    }

    /// Each thread's run delay under /proc/<pid>/task/<tid>/schedstat. A thread that
    /// exits while being read, or whose file does not parse, is left out.
    private func readTaskRunDelays() -> [Int32: Int64] {
        var delays: [Int32: Int64] = [:]
        for process in root.directoryEntries("/proc") where Int32(process) != nil {
            for task in root.directoryEntries("/proc/\(process)/task") {
                guard let threadID = Int32(task),
                      let text = try? root.readText("/proc/\(process)/task/\(task)/schedstat", limit: 256),
                      let schedStat = try? SchedStat.parse(text) else { continue }
                delays[threadID] = schedStat.runDelayNanoseconds
            }
        }
        return delays
    }
}
