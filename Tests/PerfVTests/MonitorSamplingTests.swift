import Foundation
import PerfV
import Testing

/// The node sampling model of `perfv-report monitor` and `job`: its parsers on
/// documented layouts (fixtures written here from the kernel's documentation), the
/// sampler on fixture roots, and the interval arithmetic on hand-made samples.
@Suite("Node monitor sampling")
struct MonitorSamplingTests {
    /// /proc/stat with the given steal ticks per CPU (value 8 of each cpu line) and ctxt.
    static func procStat(steal: [Int64], contextSwitches: Int64) -> String {
        var text = "cpu  100 0 50 1000 0 0 0 \(steal.reduce(0, +)) 0 0\n"
        for (cpu, ticks) in steal.enumerated() { text += "cpu\(cpu) 50 0 25 500 0 0 0 \(ticks) 0 0\n" }
        return text + "intr 12345 0 0\nctxt \(contextSwitches)\nbtime 1700000000\nprocesses 42\n"
    }

    /// /proc/schedstat version 15 (Documentation/scheduler/sched-stats.rst) with run_delay per CPU.
    static func schedStat(runDelay: [Int64]) -> String {
        var text = "version 15\ntimestamp 4295000000\n"
        for (cpu, delay) in runDelay.enumerated() {
            text += "cpu\(cpu) 0 0 1000 400 600 300 123456789 \(delay) 900\n"
            text += "domain0 3 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36\n"
        }
        return text
    }

    /// A node laid out like `/`: two CPUs, cgroup v1 cpu controller with throttling, tsc.
    static func node(steal: [Int64] = [10, 20], contextSwitches: Int64 = 1000, runDelay: [Int64]? = [1_000, 2_000],
                     throttled: (periods: Int64, throttled: Int64, ns: Int64) = (10, 1, 5_000), clocksource: String = "tsc") throws -> FixtureRoot {
        let fixture = try FixtureRoot()
        try update(fixture, steal: steal, contextSwitches: contextSwitches, runDelay: runDelay, throttled: throttled, clocksource: clocksource)
        try fixture.write("/proc/self/cgroup", "5:cpu,cpuacct:/slurm/job_7\n4:memory:/slurm/job_7\n")
        try fixture.write("/proc/self/status", "Name:\tslurmstepd\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n")
        try fixture.write("/sys/fs/cgroup/cpu/slurm/job_7/cpu.cfs_quota_us", "-1\n")
        try fixture.write("/sys/devices/system/clocksource/clocksource0/available_clocksource", "tsc kvm-clock acpi_pm\n")
        return fixture
    }

    static func update(_ fixture: FixtureRoot, steal: [Int64], contextSwitches: Int64, runDelay: [Int64]?,
                       throttled: (periods: Int64, throttled: Int64, ns: Int64), clocksource: String) throws {
        try fixture.write("/proc/stat", procStat(steal: steal, contextSwitches: contextSwitches))
        if let runDelay { try fixture.write("/proc/schedstat", schedStat(runDelay: runDelay)) }
        try fixture.write("/sys/fs/cgroup/cpu/slurm/job_7/cpu.stat",
                          "nr_periods \(throttled.periods)\nnr_throttled \(throttled.throttled)\nthrottled_time \(throttled.ns)\n")
        try fixture.write("/sys/devices/system/clocksource/clocksource0/current_clocksource", clocksource + "\n")
    }

    @Test("ctxt is read from /proc/stat; a missing, doubled or bad line is a typed error")
    func contextSwitches() throws {
        #expect(try ContextSwitchCount.parse(procStat: Self.procStat(steal: [1], contextSwitches: 987_654)) == 987_654)
        for bad in ["cpu  1 2 3 4 5 6 7 8\n", "ctxt 1\nctxt 2\n", "ctxt twelve\n", "ctxt -5\n", "ctxt 1 2\n"] {
            #expect(throws: PerfVError.self) { try ContextSwitchCount.parse(procStat: bad) }
            do { _ = try ContextSwitchCount.parse(procStat: bad) } catch { #expect(isMalformed(error, path: "/proc/stat")) }
        }
    }

    @Test("/proc/schedstat gives run_delay per CPU; unknown versions and bad cpu lines are typed errors")
    func schedStat() throws {
        #expect(try CPURunQueueDelay.parse(Self.schedStat(runDelay: [111, 222, 333])).perCPUNanoseconds == [111, 222, 333])
        let bad = [
            "",
            "version 9\ntimestamp 1\ncpu0 0 0 0 0 0 0 0 5 0\n",
            "version 15\ntimestamp 1\n",
            "version 15\ncpu0 0 0 0 0 0 0 0\n",
            "version 15\ncpu0 0 0 0 0 0 0 0 x 0\n",
            "version 15\ncpu0 0 0 0 0 0 0 0 5 0\ncpu0 0 0 0 0 0 0 0 5 0\n",
            "version 15\ncpuX 0 0 0 0 0 0 0 5 0\n",
        ]
        for text in bad {
            do {
                _ = try CPURunQueueDelay.parse(text)
                Issue.record("accepted \(text.debugDescription)")
            } catch {
                #expect(isMalformed(error, path: "/proc/schedstat"), "\(error)")
            }
        }
    }

    @Test("the sampler reads every source of a fixture root, and names what is missing")
    func samplerOnFixture() throws {
        let fixture = try Self.node()
        let sampler = try NodeSampler(root: fixture.root)
        #expect(sampler.cgroup?.directory == "/sys/fs/cgroup/cpu/slurm/job_7")
        let sample = try sampler.sample()
        #expect(sample.stealTicks == [10, 20])
        #expect(sample.contextSwitches == 1000)
        #expect(sample.runQueueDelayNanoseconds == [1_000, 2_000])
        #expect(sample.taskRunDelayNanoseconds == nil)
        #expect(sample.throttling == CgroupCPUStat(periods: 10, throttledPeriods: 1, throttledNanoseconds: 5_000))
        #expect(sample.clocksource == "tsc")
        #expect(sample.unavailable.isEmpty)
        #expect(try ProcessCPUs.allowed(root: fixture.root) == [0, 1])

        // Without /proc/schedstat the sampler says so and falls back to the tasks' run delay.
        try FileManager.default.removeItem(atPath: fixture.path + "/proc/schedstat")
        try fixture.write("/proc/42/task/42/schedstat", "1000 250 3\n")
        try fixture.write("/proc/42/task/43/schedstat", "1000 750 3\n")
        let fallback = try sampler.sample()
        #expect(fallback.runQueueDelayNanoseconds == nil)
        #expect(fallback.taskRunDelayNanoseconds == [42: 250, 43: 750])
        #expect(fallback.unavailable.contains { $0.hasPrefix("/proc/schedstat: absent") })
    }

    @Test("bad /proc content from a fixture root stops the sample with a typed error naming the file")
    func samplerRejectsBadContent() throws {
        let fixture = try Self.node()
        try fixture.write("/proc/stat", "cpu  1 2 3\n")
        do {
            _ = try NodeSampler(root: fixture.root).sample()
            Issue.record("accepted a /proc/stat without steal")
        } catch {
            #expect(isMalformed(error, path: "/proc/stat"), "\(error)")
        }
        let other = try Self.node()
        try other.write("/proc/schedstat", "version 15\ncpu0 1 2\n")
        #expect(throws: PerfVError.self) { try NodeSampler(root: other.root).sample() }
    }

    static func sample(at seconds: Double, steal: [Int64?], delay: [Int64?]?, switches: Int64, throttled: CgroupCPUStat?,
                       clocksource: String = "tsc", tasks: [Int32: Int64]? = nil) -> NodeSample {
        NodeSample(monotonicNanoseconds: Int64(seconds * 1e9), ticksPerSecond: 100, stealTicks: steal, contextSwitches: switches,
                   runQueueDelayNanoseconds: delay, taskRunDelayNanoseconds: tasks, throttling: throttled,
                   cgroupDirectory: "/sys/fs/cgroup/cpu", clocksource: clocksource, unavailable: [])
    }

    @Test("an interval turns counters into rates; a counter that went back gives nil, not a negative rate")
    func interval() throws {
        let start = Self.sample(at: 10, steal: [100, 200, 5], delay: [0, 1_000_000_000, 0], switches: 1_000,
                                throttled: CgroupCPUStat(periods: 10, throttledPeriods: 2, throttledNanoseconds: 1_000_000_000),
                                tasks: [1: 100, 2: 500])
        let end = Self.sample(at: 12, steal: [150, 200, 1], delay: [500_000_000, 3_000_000_000, 200_000_000], switches: 5_000,
                              throttled: CgroupCPUStat(periods: 30, throttledPeriods: 12, throttledNanoseconds: 2_000_000_000),
                              tasks: [1: 300, 3: 9_999])
        let interval = try NodeInterval(from: start, to: end)
        #expect(interval.seconds == 2)
        #expect(interval.cpus.map(\.cpu) == [0, 1, 2])
        #expect(interval.cpus[0].stealRatio == 0.25)            // 50 ticks = 0.5 s of 2 s
        #expect(interval.cpus[1].stealRatio == 0)
        #expect(interval.cpus[2].stealRatio == nil)             // went from 5 to 1: hot-plugged
        #expect(interval.cpus[0].runQueueDelayRatio == 0.25)
        #expect(interval.cpus[1].runQueueDelayRatio == 1)
        #expect(interval.cpus[2].runQueueDelayRatio == 0.1)
        #expect(interval.stealTotalRatio == 0.25)
        #expect(interval.contextSwitchesPerSecond == 2_000)
        #expect(interval.taskRunDelayRatio == 200 / 1e9 / 2)   // only task 1 is in both samples
        #expect(interval.cgroupPeriods == 20)
        #expect(interval.cgroupThrottledPeriods == 10)
        #expect(interval.cgroupThrottledRatio == 0.5)
        #expect(interval.clocksourceWarning == nil)
        #expect(throws: PerfVError.self) { try NodeInterval(from: end, to: start) }
    }

    @Test("a clocksource change during an interval carries a warning naming both")
    func clocksourceChange() throws {
        let start = Self.sample(at: 1, steal: [0], delay: nil, switches: 0, throttled: nil, clocksource: "tsc")
        let end = Self.sample(at: 2, steal: [0], delay: nil, switches: 0, throttled: nil, clocksource: "hpet")
        let warning = try #require(try NodeInterval(from: start, to: end).clocksourceWarning)
        #expect(warning.contains("from tsc to hpet"))
        #expect(warning.contains("system calls"))
    }

    @Test("a job's steal is the delta on its own CPUs only")
    func jobSteal() throws {
        let begin = Self.sample(at: 100, steal: [0, 1_000, 50], delay: [0, 0, 0], switches: 0,
                                throttled: CgroupCPUStat(periods: 0, throttledPeriods: 0, throttledNanoseconds: 0))
        let end = Self.sample(at: 110, steal: [999, 1_300, 150], delay: [0, 2_000_000_000, 1_000_000_000], switches: 0,
                              throttled: CgroupCPUStat(periods: 100, throttledPeriods: 7, throttledNanoseconds: 3_000_000_000))
        let job = try JobSteal(jobID: "81234", cpus: [1, 2], begin: begin, end: end)
        #expect(job.seconds == 10)
        #expect(job.stealSecondsPerCPU == [3, 1])
        #expect(job.stealSeconds == 4)
        #expect(job.stealRatio == 0.2)                           // 4 CPU-s of 2 CPUs × 10 s
        #expect(abs(try #require(job.runQueueDelaySeconds) - 3) < 1e-9)
        #expect(job.cgroupThrottledPeriods == 7)
        #expect(abs(try #require(job.cgroupThrottledSeconds) - 3) < 1e-9)
        let offline = try JobSteal(jobID: "1", cpus: [5], begin: begin, end: end)
        #expect(offline.stealSeconds == nil)
        #expect(offline.unavailable.contains { $0.contains("no line for CPU 5") })
    }
}
