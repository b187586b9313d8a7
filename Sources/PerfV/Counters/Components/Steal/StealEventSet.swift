import CLinux

/// The steal counters of one ``EventSet``: baselines taken at start, deltas on read.
///
/// One read(into:) does at most one pread of /proc/stat and one of the thread's
/// schedstat, whatever the number of steal events, into buffers allocated here.
final class StealEventSet: ComponentEventSet {
    private let component: StealComponent
    private let reader: StealReader
    private var added: [StealEvent] = []
    private var readsProcStat = false
    private var readsSchedStat = false

    /// Per-CPU steal ticks at start and at the latest read (ProcStatParser.absent for no line).
    private let startTicks: UnsafeMutableBufferPointer<Int64>
    private let latestTicks: UnsafeMutableBufferPointer<Int64>
    /// CPUs the thread was seen on since start.
    private let cpusSeen: UnsafeMutableBufferPointer<Bool>
    private var startSystemTicks: Int64 = 0
    private var startRunDelay: Int64 = 0
    /// The values at the last stop (what a stopped set reads).
    private var stopped: UnsafeMutableBufferPointer<Int64>
    private var isRunning = false

    init(component: StealComponent, reader: StealReader) {
        self.component = component
        self.reader = reader
        startTicks = .allocate(capacity: reader.cpuCapacity)
        latestTicks = .allocate(capacity: reader.cpuCapacity)
        cpusSeen = .allocate(capacity: reader.cpuCapacity)
        startTicks.initialize(repeating: ProcStatParser.absent)
        latestTicks.initialize(repeating: ProcStatParser.absent)
        cpusSeen.initialize(repeating: false)
        stopped = .allocate(capacity: 0)
    }

    deinit {
        startTicks.deallocate()
        latestTicks.deallocate()
        cpusSeen.deallocate()
        stopped.deallocate()
    }

    var count: Int { added.count }

    func add(event: String) throws -> CounterEvent {
        guard let steal = StealEvent(rawValue: event) else {
            let known = StealEvent.allCases.map { "\(component.name)\(EventName.separator)\($0.rawValue)" }
            throw CounterError.unknownEvent(
                event: "\(component.name)\(EventName.separator)\(event)", component: component.name,
                suggestions: EventName.closeMatches(to: event, in: known))
        }
        added.append(steal)
        readsProcStat = readsProcStat || steal.readsProcStat
        readsSchedStat = readsSchedStat || !steal.readsProcStat
        let grown = UnsafeMutableBufferPointer<Int64>.allocate(capacity: added.count)
        grown.initialize(repeating: 0)
        stopped.deallocate()
        stopped = grown
        return steal.event(component: component.name)
    }

    func start() throws {
        try takeBaseline()
        isRunning = true
    }

    func read(into values: UnsafeMutableBufferPointer<Int64>) throws {
        if isRunning {
            try readDeltas(into: values)
        } else {
            for index in 0..<added.count { values[index] = stopped[index] }
        }
    }

    func stop() throws {
        try readDeltas(into: stopped)
        isRunning = false
    }

    func reset() throws {
        if isRunning {
            try takeBaseline()
        } else {
            for index in 0..<added.count { stopped[index] = 0 }
        }
    }

    private func takeBaseline() throws {
        for cpu in cpusSeen.indices { cpusSeen[cpu] = false }
        if readsProcStat {
            startSystemTicks = try reader.readProcStat(into: startTicks)
            noteCurrentCPU()
        }
        if readsSchedStat {
            startRunDelay = try reader.readRunDelayNanoseconds()
        }
    }

    /// The values since the baseline, in the order the events were added.
    private func readDeltas(into values: UnsafeMutableBufferPointer<Int64>) throws {
        var systemTicks: Int64 = 0
        var cpuTicks: Int64 = 0
        if readsProcStat {
            systemTicks = try reader.readProcStat(into: latestTicks) - startSystemTicks
            noteCurrentCPU()
            for cpu in cpusSeen.indices where cpusSeen[cpu] {
                guard startTicks[cpu] != ProcStatParser.absent, latestTicks[cpu] != ProcStatParser.absent else { continue }
                cpuTicks += latestTicks[cpu] - startTicks[cpu]
            }
        }
        let runDelay = readsSchedStat ? try reader.readRunDelayNanoseconds() - startRunDelay : 0
        for (index, event) in added.enumerated() {
            switch event {
            case .systemNanoseconds: values[index] = try reader.nanoseconds(ticks: systemTicks)
            case .cpuNanoseconds: values[index] = try reader.nanoseconds(ticks: cpuTicks)
            case .runDelayNanoseconds: values[index] = runDelay
            }
        }
    }

    /// Adds the CPU the thread runs on now (sched_getcpu) to ``cpusSeen``.
    private func noteCurrentCPU() {
        let cpu = Int(perfv_current_cpu())
        if cpusSeen.indices.contains(cpu) { cpusSeen[cpu] = true }
    }
}
