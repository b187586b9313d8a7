import CGuestABI

/// PERFV_PORT_FAULT for one vCPU: the supervisor OUTs the vector of a fatal exception
/// and never returns, so every write ends the vCPU with the fault as a `VMMError`.
final class FaultReportPort: PortDevice {
    static let port = UInt16(PERFV_PORT_FAULT)

    private let vcpu: VirtualCPU
    private let memory: GuestMemory

    init(vcpu: VirtualCPU, memory: GuestMemory) {
        self.vcpu = vcpu
        self.memory = memory
    }


    func write(port: UInt16, value: UInt64) throws -> PortWriteOutcome {
        throw faultReport(vector: UInt8(truncatingIfNeeded: value))
    }

    /// The supervisor's fatal-exception report: mailbox a0..a3, and the faulting code's
    /// registers from `struct perfv_fault_frame` at the supervisor's RSP (CS, SS, RFLAGS, RSP,
    /// RIP, RAX, RCX, RDX; the other GPRs still hold the faulting code's values). A frame
    /// that does not match the mailbox is not trusted: then only the slot's saved RSP,
    /// RAX, RCX, RDX are used and the registers are marked partial.
    private func faultReport(vector: UInt8) -> VMMError {
        let index = vcpu.index
        var registers = vcpu.registerSnapshot()
        guard let slot = try? memory.load(perfv_mailbox_slot.self, at: GuestLayout.mailboxSlot(vcpu: index)) else {
            return .guestException(vcpu: index, vector: vector, errorCode: 0, faultingRIP: registers.rip, cr2: 0, registers: registers)
        }
        registers.cr2 = slot.a3
        if let frame = try? memory.load(perfv_fault_frame.self, at: registers.rsp),
           frame.vector == UInt64(vector), frame.rip == slot.a2, frame.error_code == slot.a1 {
            registers.rip = frame.rip
            registers.rsp = frame.rsp
            registers.rflags = frame.rflags
            registers.cs = UInt16(truncatingIfNeeded: frame.cs)
            registers.ss = UInt16(truncatingIfNeeded: frame.ss)
            registers.rax = frame.rax
            registers.rcx = frame.rcx
            registers.rdx = frame.rdx
        } else {
            registers.fromFaultReport = true
            registers.rip = slot.a2
            registers.rsp = slot.reserved.0
            registers.rax = slot.reserved.1
            registers.rcx = slot.reserved.2
            registers.rdx = slot.reserved.3
        }
        let outsideRAM = slot.a3 >= memory.size
            && !(slot.a3 >= GuestLayout.mmioBase && slot.a3 < GuestLayout.mmioBase + GuestLayout.mmioBytes)
        if vector == ExceptionVector.pageFault && outsideRAM {
            return .accessOutsideGuestMemory(vcpu: index, address: slot.a3, isWrite: slot.a1 & 2 != 0, registers: registers)
        }
        return .guestException(vcpu: index, vector: vector, errorCode: slot.a1, faultingRIP: slot.a2, cr2: slot.a3, registers: registers)
    }
}
