import CGuestABI

/// PERFV_PORT_HYPERCALL for one vCPU: OUT32 of a PERFV_HC_* number, arguments in the
/// vCPU's mailbox slot. Keeps what the guest reported (`report`).
final class HypercallPort: PortDevice {
    static let port = UInt16(PERFV_PORT_HYPERCALL)

    private let vcpu: VirtualCPU
    private let memory: GuestMemory
    private let counters: VirtualCounters
    /// Written on the vCPU thread; read by others only after it finished.
    private(set) var report = GuestReport()

    init(vcpu: VirtualCPU, memory: GuestMemory, counters: VirtualCounters) {
        self.vcpu = vcpu
        self.memory = memory
        self.counters = counters
    }


    /// Runs hypercall `value`; an unknown number is `VMMError.unknownHypercall`.
    func write(port: UInt16, value number: UInt64) throws -> PortWriteOutcome {
        let slot = try memory.load(perfv_mailbox_slot.self, at: GuestLayout.mailboxSlot(vcpu: vcpu.index))
        switch number {
        case UInt64(PERFV_HC_EXIT.rawValue):
            report.exitStatus = slot.a0
            return .stop
        case UInt64(PERFV_HC_RESULT.rawValue):
            report.results[slot.a0] = slot.a1
        case UInt64(PERFV_HC_SNAPSHOT.rawValue):
            counters.sample()
            report.snapshots.append((tag: slot.a0, counters: counters.snapshot()))
        default:
            throw VMMError.unknownHypercall(vcpu: vcpu.index, number: number, registers: vcpu.registerSnapshot())
        }
        return .resume
    }
}
