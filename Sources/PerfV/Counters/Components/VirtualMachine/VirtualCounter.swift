import CGuestABI

/// One of PerfV's per-vCPU virtual counters (enum perfv_counter_index): the guest reads
/// counter i at MSR PERFV_MSR_COUNTER0 + i. The VMM keeps them; the `vmm` counter
/// component reads them from inside a guest.
public enum VirtualCounter: Int, CaseIterable, Sendable, CustomStringConvertible {
    case runNanoseconds = 0
    case exitsTotal
    case exitsIO
    case exitsMMIO
    case exitsMSR
    case exitsHLT
    case exitsOther
    case ioBytes
    case mmioBytes
    case hostStealNanoseconds
    case exitHandlingNanoseconds
    case hostTaskClockNanoseconds
    case hostPageFaults
    case hostContextSwitches
    case hostCycles
    case hostInstructions

    public static let count = Int(PERFV_COUNTER_COUNT.rawValue)

    /// The MSR the guest reads this counter from.
    public var msr: UInt32 { VirtualCounter.firstCounterMSR + UInt32(rawValue) }

    public static let controlMSR = PERFV_MSR_BASE
    public static let availableMSR = PERFV_MSR_BASE + 1
    public static let firstCounterMSR = PERFV_MSR_BASE + 2

    /// The unit of the counter's values.
    public var unit: CounterUnit {
        switch self {
        case .runNanoseconds, .hostStealNanoseconds, .exitHandlingNanoseconds, .hostTaskClockNanoseconds:
            return .nanoseconds
        default:
            return .events
        }
    }

    /// snake_case name used in reports, JSON and `vmm::` event names.
    public var description: String {
        switch self {
        case .runNanoseconds: return "run_ns"
        case .exitsTotal: return "exits_total"
        case .exitsIO: return "exits_io"
        case .exitsMMIO: return "exits_mmio"
        case .exitsMSR: return "exits_msr"
        case .exitsHLT: return "exits_hlt"
        case .exitsOther: return "exits_other"
        case .ioBytes: return "io_bytes"
        case .mmioBytes: return "mmio_bytes"
        case .hostStealNanoseconds: return "host_steal_ns"
        case .exitHandlingNanoseconds: return "exit_handling_ns"
        case .hostTaskClockNanoseconds: return "host_task_clock_ns"
        case .hostPageFaults: return "host_page_faults"
        case .hostContextSwitches: return "host_context_switches"
        case .hostCycles: return "host_cycles"
        case .hostInstructions: return "host_instructions"
        }
    }
}
