import PerfV

/// The host-side sources of a vCPU thread's sampled counters: its run delay
/// (PerfV's StealReader, schedstat) and its perf_event software counters (PerfV's
/// EventSet: task-clock, page-faults, context-switches). Created and read on the
/// vCPU thread only: both count the thread that opened them. A source that cannot
/// be opened leaves its counters unavailable (cleared in `availableMask`), with the
/// reason kept in `unavailableReasons`. Cycles and instructions need a hardware PMU.
final class HostThreadCounters {
    static let sampledCounters: [VirtualCounter] = [
        .hostStealNanoseconds, .hostTaskClockNanoseconds, .hostPageFaults, .hostContextSwitches,
        .hostCycles, .hostInstructions,
    ]
    static let softwareEvents = ["perf::task-clock", "perf::page-faults", "perf::context-switches"]
    static let hardwareEvents = ["perf::cycles", "perf::instructions"]

    private let steal: StealReader?
    private let software: EventSet?
    private let hardware: EventSet?
    private let softwareValues = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 3)
    private let hardwareValues = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 2)
    private(set) var availableMask: UInt64 = 0
    private(set) var unavailableReasons: [String: String] = [:]

    init() {
        softwareValues.initialize(repeating: 0)
        hardwareValues.initialize(repeating: 0)
        var reasons: [String: String] = [:]
        steal = HostThreadCounters.open(&reasons, key: "host_steal_ns") { try StealReader() }
        software = HostThreadCounters.open(&reasons, key: "host_software") {
            let set = try EventSet(events: HostThreadCounters.softwareEvents)
            try set.start()
            return set
        }
        hardware = HostThreadCounters.open(&reasons, key: "host_hardware") {
            let set = try EventSet(events: HostThreadCounters.hardwareEvents)
            try set.start()
            return set
        }
        unavailableReasons = reasons
        var mask: UInt64 = 0
        if steal != nil { mask |= bit(.hostStealNanoseconds) }
        if software != nil { mask |= bit(.hostTaskClockNanoseconds) | bit(.hostPageFaults) | bit(.hostContextSwitches) }
        if hardware != nil { mask |= bit(.hostCycles) | bit(.hostInstructions) }
        availableMask = mask
    }

    deinit {
        softwareValues.deallocate()
        hardwareValues.deallocate()
    }

    /// Writes the current source values into `values` at the counters' indices. No allocation.
    func read(into values: inout [UInt64]) {
        if let steal, let delay = try? steal.readRunDelayNanoseconds() {
            values[VirtualCounter.hostStealNanoseconds.rawValue] = UInt64(clamping: delay)
        }
        if let software, (try? software.read(into: softwareValues)) != nil {
            values[VirtualCounter.hostTaskClockNanoseconds.rawValue] = UInt64(clamping: softwareValues[0])
            values[VirtualCounter.hostPageFaults.rawValue] = UInt64(clamping: softwareValues[1])
            values[VirtualCounter.hostContextSwitches.rawValue] = UInt64(clamping: softwareValues[2])
        }
        if let hardware, (try? hardware.read(into: hardwareValues)) != nil {
            values[VirtualCounter.hostCycles.rawValue] = UInt64(clamping: hardwareValues[0])
            values[VirtualCounter.hostInstructions.rawValue] = UInt64(clamping: hardwareValues[1])
        }
    }

    private func bit(_ counter: VirtualCounter) -> UInt64 { 1 << UInt64(counter.rawValue) }

    private static func open<T>(_ reasons: inout [String: String], key: String, _ body: () throws -> T) -> T? {
        do { return try body() } catch {
            reasons[key] = "\(error)"
            return nil
        }
    }
}
