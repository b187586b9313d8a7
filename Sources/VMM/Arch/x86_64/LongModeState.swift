import CGuestABI
import CLinux

/// The start state of a vCPU, set from the host so the guest runs no set-up code at CPL0
/// (emulated, ~1000× slower under PVM): 64-bit long mode, paging on, SSE enabled,
/// RDTSC allowed at CPL3, SYSCALL/SYSRET configured.
enum LongModeState {
    // CR0: PE | MP | ET | NE | WP | PG (EM clear: SSE works).
    static let cr0: UInt64 = 1 << 0 | 1 << 1 | 1 << 4 | 1 << 5 | 1 << 16 | 1 << 31
    // CR4: PAE | OSFXSR | OSXMMEXCPT (TSD clear: RDTSC works at CPL3).
    static let cr4: UInt64 = 1 << 5 | 1 << 9 | 1 << 10
    // EFER: SCE | LME | LMA | NXE.
    static let efer: UInt64 = 1 << 0 | 1 << 8 | 1 << 10 | 1 << 11

    static let msrSTAR: UInt32 = 0xC000_0081
    static let msrLSTAR: UInt32 = 0xC000_0082
    static let msrCSTAR: UInt32 = 0xC000_0083
    static let msrSFMASK: UInt32 = 0xC000_0084
    static let msrKernelGSBase: UInt32 = 0xC000_0102

    /// STAR: SYSCALL loads CS = STAR[47:32] (0x08) and SS = +8 (0x10); 64-bit SYSRET loads
    /// SS = STAR[63:48]+8 and CS = STAR[63:48]+16 with RPL 3, so STAR[63:48] = 0x10 gives
    /// SS = 0x1B and CS = 0x23 (PERFV_SEL_UDATA/UCODE).
    static var star: UInt64 {
        let sysretBase = UInt64(PERFV_SEL_UDATA & ~3) - 8
        return sysretBase << 48 | UInt64(PERFV_SEL_KCODE) << 32
    }

    /// SFMASK: RFLAGS bits SYSCALL clears: TF, IF, DF, AC.
    static let syscallFlagMask: UInt64 = 1 << 8 | 1 << 9 | 1 << 10 | 1 << 18

    /// Fills control, segment and descriptor-table registers into `sregs`.
    static func apply(to sregs: inout kvm_sregs, vcpu index: Int, vcpuCount: Int, pageTableRoot: UInt64) {
        sregs.cr0 = cr0
        sregs.cr3 = pageTableRoot
        sregs.cr4 = cr4
        sregs.efer = efer
        sregs.cs = GlobalDescriptorTable.kernelCodeSegment
        let data = GlobalDescriptorTable.kernelDataSegment
        sregs.ds = data
        sregs.es = data
        sregs.ss = data
        sregs.fs = data
        sregs.gs = data
        sregs.tr = GlobalDescriptorTable.taskRegister(vcpu: index)
        sregs.ldt = GlobalDescriptorTable.unusableSegment
        sregs.gdt.base = GuestLayout.gdt
        sregs.gdt.limit = UInt16(GlobalDescriptorTable.byteCount(vcpuCount: vcpuCount) - 1)
        sregs.idt.base = GuestLayout.idt
        sregs.idt.limit = InterruptDescriptorTable.limit
    }

    /// The SYSCALL MSRs for KVM_SET_MSRS.
    static func syscallMSRs(entry: UInt64) -> [(index: UInt32, value: UInt64)] {
        [(msrSTAR, star), (msrLSTAR, entry), (msrCSTAR, 0), (msrSFMASK, syscallFlagMask), (msrKernelGSBase, 0)]
    }

    /// The general registers at supervisor_entry: RSP = kernel stack top, RDI = vCPU index,
    /// RSI = boot parameters, RFLAGS = reserved bit 1 only (interrupts off).
    static func startRegisters(vcpu index: Int, entry: UInt64) -> kvm_regs {
        var registers = kvm_regs()
        registers.rip = entry
        registers.rsp = GuestLayout.kernelStackTop(vcpu: index)
        registers.rdi = UInt64(index)
        registers.rsi = GuestLayout.bootParameters
        registers.rflags = 0x2
        return registers
    }
}
