import CLinux

/// The registers of one vCPU at the moment it stopped, for error reports and tests.
public struct GuestRegisters: Sendable, Equatable, CustomStringConvertible {
    public var vcpu: Int
    /// False when KVM_GET_REGS/KVM_GET_SREGS failed; the fields are then zero.
    public var valid: Bool
    public var rip: UInt64, rsp: UInt64, rflags: UInt64
    public var rax: UInt64, rbx: UInt64, rcx: UInt64, rdx: UInt64
    public var rsi: UInt64, rdi: UInt64, rbp: UInt64
    public var r8: UInt64, r9: UInt64, r10: UInt64, r11: UInt64
    public var r12: UInt64, r13: UInt64, r14: UInt64, r15: UInt64
    public var cr0: UInt64, cr2: UInt64, cr3: UInt64, cr4: UInt64, efer: UInt64
    public var cs: UInt16, ss: UInt16
    /// True when only RIP, RSP, RAX, RCX, RDX and CR2 are the faulting code's (a fault report
    /// without a usable `perfv_fault_frame`); CS, SS and RFLAGS are then the supervisor's.
    public var fromFaultReport = false

    /// Current privilege level (CS.RPL).
    public var privilegeLevel: Int { Int(cs & 3) }

    init(vcpu: Int, registers: kvm_regs?, specialRegisters: kvm_sregs?) {
        self.vcpu = vcpu
        valid = registers != nil && specialRegisters != nil
        let r = registers ?? kvm_regs()
        let s = specialRegisters ?? kvm_sregs()
        rip = r.rip; rsp = r.rsp; rflags = r.rflags
        rax = r.rax; rbx = r.rbx; rcx = r.rcx; rdx = r.rdx
        rsi = r.rsi; rdi = r.rdi; rbp = r.rbp
        r8 = r.r8; r9 = r.r9; r10 = r.r10; r11 = r.r11
        r12 = r.r12; r13 = r.r13; r14 = r.r14; r15 = r.r15
        cr0 = s.cr0; cr2 = s.cr2; cr3 = s.cr3; cr4 = s.cr4; efer = s.efer
        cs = s.cs.selector; ss = s.ss.selector
    }

    public var description: String {
        guard valid else { return "  vCPU \(vcpu): registers unavailable" }
        func h(_ v: UInt64) -> String { hex(v) }
        let provenance = fromFaultReport
            ? "\n      (RIP, RSP, RAX, RCX, RDX, CR2 at the fault, from the guest's report; the rest at the report, in the supervisor)"
            : ""
        return """
              vCPU \(vcpu) CPL\(privilegeLevel)  RIP \(h(rip))  RSP \(h(rsp))  RFLAGS \(h(rflags))  CS \(hex(cs))  SS \(hex(ss))
              RAX \(h(rax))  RBX \(h(rbx))  RCX \(h(rcx))  RDX \(h(rdx))  RSI \(h(rsi))  RDI \(h(rdi))  RBP \(h(rbp))
              R8 \(h(r8))  R9 \(h(r9))  R10 \(h(r10))  R11 \(h(r11))  R12 \(h(r12))  R13 \(h(r13))  R14 \(h(r14))  R15 \(h(r15))
              CR0 \(h(cr0))  CR2 \(h(cr2))  CR3 \(h(cr3))  CR4 \(h(cr4))  EFER \(h(efer))
            """ + provenance
    }
}
