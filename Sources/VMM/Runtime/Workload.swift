import CGuestABI

/// What the guest runtime runs (perfv_boot_params.workload and arg[]).
public enum Workload: Sendable, Equatable {
    case hello
    case mmm(size: UInt32, kernel: MMMKernel, blockSize: UInt32 = 32)
    case io(blocks: UInt32, blockBytes: UInt32, mode: IOMode)
    /// `packets` datagrams of `packetBytes` through the network device; `batch` packets
    /// per doorbell in batched mode (needs `MachineConfiguration.networkDestinationPort`).
    case net(packets: UInt32, packetBytes: UInt32, mode: NetMode, batch: UInt32 = 64)
    case counters
    case fault(FaultKind)
    case spin(milliseconds: UInt64)
    case nop
    /// `count` exits of one kind from CPL3 and nothing else: port I/O to port `target`, or
    /// RDMSR of MSR `target` through the INT3 system call (the exit round-trip benchmark).
    case exitLoop(kind: ExitLoopKind, count: UInt64, target: UInt64)
    /// Reads the personality's CPUID, time sources, MSRs and backdoor, each raw, around a
    /// spin of `spinMilliseconds` (PersonalityReport judges them).
    case personality(HypervisorPersonality, spinMilliseconds: UInt64 = 20)
    /// Any workload number with raw arguments (for test payloads).
    case raw(number: UInt32, arguments: [UInt64])

    public enum MMMKernel: String, Sendable, CaseIterable { case naive, blocked }
    public enum IOMode: String, Sendable, CaseIterable {
        case perRequest = "per-request"
        case batched
    }

    /// How the guest rings the network device: after every packet, or once per batch (enum perfv_net_mode).
    public enum NetMode: String, Sendable, CaseIterable {
        case perPacket = "per-packet"
        case batched
    }

    /// The NET workload's packets start with their 8-byte sequence number, so none is smaller.
    public static let netSequenceBytes = Int(PERFV_NET_SEQUENCE_BYTES)

    /// What an exit loop exits with (enum perfv_exit_loop_kind).
    public enum ExitLoopKind: UInt64, Sendable, CaseIterable {
        case portIO = 0, rdmsr
    }

    /// The guest's fault workloads (enum perfv_fault_kind).
    public enum FaultKind: UInt64, Sendable, CaseIterable {
        case pageFault = 0, generalProtection, invalidOpcode, divideError, tripleFault, runawayLoop,
             writeOutsideRAM, unknownMSR, mmio
    }

    var number: UInt32 {
        switch self {
        case .hello: return PERFV_WORKLOAD_HELLO.rawValue
        case .mmm: return PERFV_WORKLOAD_MMM.rawValue
        case .io: return PERFV_WORKLOAD_IO.rawValue
        case .net: return PERFV_WORKLOAD_NET.rawValue
        case .counters: return PERFV_WORKLOAD_COUNTERS.rawValue
        case .fault: return PERFV_WORKLOAD_FAULT.rawValue
        case .spin: return PERFV_WORKLOAD_SPIN.rawValue
        case .nop: return PERFV_WORKLOAD_NOP.rawValue
        case .exitLoop: return PERFV_WORKLOAD_EXIT_LOOP.rawValue
        case .personality: return PERFV_WORKLOAD_PERSONALITY.rawValue
        case let .raw(number, _): return number
        }
    }

    var arguments: [UInt64] {
        switch self {
        case .hello, .counters, .nop: return []
        case let .mmm(size, kernel, blockSize):
            return [UInt64(size), kernel == .naive ? UInt64(PERFV_MMM_NAIVE.rawValue) : UInt64(PERFV_MMM_BLOCKED.rawValue), UInt64(blockSize)]
        case let .io(blocks, blockBytes, mode):
            return [UInt64(blocks), UInt64(blockBytes), mode == .perRequest ? UInt64(PERFV_IO_PER_REQUEST.rawValue) : UInt64(PERFV_IO_BATCHED.rawValue)]
        case let .net(packets, packetBytes, mode, batch):
            let number = mode == .perPacket ? PERFV_NET_PER_PACKET.rawValue : PERFV_NET_BATCHED.rawValue
            return [UInt64(packets), UInt64(packetBytes), UInt64(number), UInt64(batch)]
        case let .fault(kind): return [kind.rawValue]
        case let .spin(milliseconds): return [milliseconds]
        case let .exitLoop(kind, count, target): return [kind.rawValue, count, target]
        case let .personality(personality, spinMilliseconds): return [personality.number, spinMilliseconds]
        case let .raw(_, arguments): return arguments
        }
    }
}
