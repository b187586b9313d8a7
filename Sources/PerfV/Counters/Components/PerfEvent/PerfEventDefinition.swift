import CLinux

/// One event the perf_event component knows: its perf_event_attr type and config.
struct PerfEventDefinition: Sendable {
    let name: String
    /// perf_event_attr.type: PERF_TYPE_SOFTWARE or PERF_TYPE_HARDWARE.
    let type: UInt32
    /// perf_event_attr.config: a PERF_COUNT_SW_* or PERF_COUNT_HW_* id.
    let config: UInt64
    let summary: String
    let unit: CounterUnit
    /// The count is the same whether or not kernel mode is excluded: task-clock and
    /// cpu-clock add up time on the CPU, and exclude_kernel only filters samples
    /// (measured here: equal within 0.03 % over the same interval).
    let sameInEveryMode: Bool

    /// The suffix that asks for user-mode-only counting, as in perf's `event:u`.
    static let userModeSuffix = ":u"

    var kind: CounterEventKind {
        type == PERF_TYPE_HARDWARE.rawValue ? .hardware : .software
    }

    /// The perf_event_attr PerfV opens this event with.
    ///
    /// - The group leader starts disabled (the group is enabled at once by
    ///   ``EventSet/start()``) and pinned, so the group is never multiplexed:
    ///   counts are exact, or the read fails, never scaled estimates.
    /// - Every member reads as one group (PERF_FORMAT_GROUP), so one read(2)
    ///   returns all values; the enabled/running times let a read detect a group
    ///   that was not on the CPU.
    /// - exclude_kernel = 0 unless `excludeKernel`: see ``PerfEventParanoia`` for
    ///   why kernel mode counts by default.
    /// - exclude_hv = 1: time spent in a hypervisor is not the thread's work
    ///   (PerfV reports it as steal); x86 PMUs ignore the flag.
    /// - inherit = 0: threads the caller spawns are not counted.
    func attributes(asLeader leader: Bool, excludeKernel: Bool) -> perf_event_attr {
        var attr = perf_event_attr()
        attr.type = type
        attr.size = UInt32(MemoryLayout<perf_event_attr>.size)
        attr.config = config
        attr.read_format = UInt64(PERF_FORMAT_GROUP.rawValue | PERF_FORMAT_TOTAL_TIME_ENABLED.rawValue
            | PERF_FORMAT_TOTAL_TIME_RUNNING.rawValue)
        attr.disabled = leader ? 1 : 0
        attr.pinned = leader ? 1 : 0
        attr.exclude_kernel = excludeKernel ? 1 : 0
        attr.exclude_hv = 1
        attr.inherit = 0
        return attr
    }

    /// The event as offered: `name`, or `name:u` counting user mode only.
    func event(component: String, userModeOnly: Bool) -> CounterEvent {
        userModeOnly
            ? CounterEvent(component: component, name: name + PerfEventDefinition.userModeSuffix,
                           summary: summary + ", user mode only", unit: unit, kind: kind)
            : CounterEvent(component: component, name: name, summary: summary, unit: unit, kind: kind)
    }

    /// Counted by the kernel, so present on every Linux with perf_event.
    static let software: [PerfEventDefinition] = [
        .init(software: PERF_COUNT_SW_TASK_CLOCK, "task-clock", .nanoseconds,
              "time the thread ran on a CPU (PERF_COUNT_SW_TASK_CLOCK)"),
        .init(software: PERF_COUNT_SW_CPU_CLOCK, "cpu-clock", .nanoseconds,
              "CPU clock time while the thread ran, from a per-CPU timer (PERF_COUNT_SW_CPU_CLOCK)"),
        .init(software: PERF_COUNT_SW_PAGE_FAULTS, "page-faults", .events,
              "page faults taken by the thread (PERF_COUNT_SW_PAGE_FAULTS)"),
        .init(software: PERF_COUNT_SW_PAGE_FAULTS_MIN, "minor-faults", .events,
              "page faults resolved without I/O (PERF_COUNT_SW_PAGE_FAULTS_MIN)"),
        .init(software: PERF_COUNT_SW_PAGE_FAULTS_MAJ, "major-faults", .events,
              "page faults that needed I/O (PERF_COUNT_SW_PAGE_FAULTS_MAJ)"),
        .init(software: PERF_COUNT_SW_CONTEXT_SWITCHES, "context-switches", .events,
              "times the thread was switched off its CPU (PERF_COUNT_SW_CONTEXT_SWITCHES)"),
        .init(software: PERF_COUNT_SW_CPU_MIGRATIONS, "cpu-migrations", .events,
              "times the thread moved to another CPU (PERF_COUNT_SW_CPU_MIGRATIONS)"),
    ]

    /// Counted by the CPU's PMU; each is probed before it is offered.
    static let hardware: [PerfEventDefinition] = [
        .init(hardware: PERF_COUNT_HW_CPU_CYCLES, "cycles", "CPU cycles (PERF_COUNT_HW_CPU_CYCLES)"),
        .init(hardware: PERF_COUNT_HW_INSTRUCTIONS, "instructions",
              "instructions retired (PERF_COUNT_HW_INSTRUCTIONS)"),
        .init(hardware: PERF_COUNT_HW_CACHE_REFERENCES, "cache-references",
              "last-level cache accesses (PERF_COUNT_HW_CACHE_REFERENCES)"),
        .init(hardware: PERF_COUNT_HW_CACHE_MISSES, "cache-misses",
              "last-level cache misses (PERF_COUNT_HW_CACHE_MISSES)"),
        .init(hardware: PERF_COUNT_HW_BRANCH_INSTRUCTIONS, "branches",
              "branch instructions retired (PERF_COUNT_HW_BRANCH_INSTRUCTIONS)"),
        .init(hardware: PERF_COUNT_HW_BRANCH_MISSES, "branch-misses",
              "mispredicted branches (PERF_COUNT_HW_BRANCH_MISSES)"),
    ]

    private init(software id: perf_sw_ids, _ name: String, _ unit: CounterUnit, _ summary: String) {
        self.init(name: name, type: PERF_TYPE_SOFTWARE.rawValue, config: UInt64(id.rawValue), summary: summary, unit: unit,
                  sameInEveryMode: id == PERF_COUNT_SW_TASK_CLOCK || id == PERF_COUNT_SW_CPU_CLOCK)
    }

    private init(hardware id: perf_hw_id, _ name: String, _ summary: String) {
        self.init(name: name, type: PERF_TYPE_HARDWARE.rawValue, config: UInt64(id.rawValue), summary: summary,
                  unit: .events, sameInEveryMode: false)
    }

    private init(name: String, type: UInt32, config: UInt64, summary: String, unit: CounterUnit, sameInEveryMode: Bool) {
        self.name = name
        self.type = type
        self.config = config
        self.summary = summary
        self.unit = unit
        self.sameInEveryMode = sameInEveryMode
    }
}
