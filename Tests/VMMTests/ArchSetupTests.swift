import CGuestABI
import Testing
@testable import VMM

@Suite("x86-64 set-up written by the host")
struct ArchSetupTests {
    @Test("STAR gives SYSCALL CS 0x08 and SYSRET SS 0x1B / CS 0x23")
    func starLayout() {
        let star = LongModeState.star
        #expect((star >> 32) & 0xFFFF == UInt64(PERFV_SEL_KCODE))
        let sysretBase = (star >> 48) & 0xFFFF
        #expect((sysretBase + 8) | 3 == UInt64(PERFV_SEL_UDATA))
        #expect((sysretBase + 16) | 3 == UInt64(PERFV_SEL_UCODE))
        #expect(LongModeState.syscallFlagMask & (1 << 9) != 0) // IF cleared on entry
    }

    @Test("control registers: long mode, paging, SSE on, RDTSC allowed at CPL3")
    func controlRegisters() {
        #expect(LongModeState.cr0 & (1 << 2) == 0)                  // EM clear
        #expect(LongModeState.cr0 & (1 << 1) != 0)                  // MP
        #expect(LongModeState.cr4 & (1 << 9 | 1 << 10) == 1 << 9 | 1 << 10)
        #expect(LongModeState.cr4 & (1 << 2) == 0)                  // TSD clear
        #expect(LongModeState.efer & (1 << 10 | 1 << 8) == 1 << 10 | 1 << 8)
    }

    /// Walks the guest page tables for `address` the way the MMU does.
    func translate(_ address: UInt64, in memory: GuestMemory) throws -> UInt64? {
        var table = IdentityPageTables.pml4
        for level in [39, 30, 21, 12] {
            let entry: UInt64 = try memory.load(at: table + 8 * ((address >> UInt64(level)) & 511))
            guard entry & 1 != 0 else { return nil }
            #expect(entry & 0b110 == 0b110, "user + writable at level \(level)")
            let frame = entry & 0x000F_FFFF_FFFF_F000
            if level == 21 && entry & (1 << 7) != 0 { return frame + (address & 0x1F_FFFF) }
            if level == 12 { return frame + (address & 0xFFF) }
            table = frame
        }
        return nil
    }

    @Test("page tables identity-map RAM and the MMIO window, and nothing else")
    func pageTables() throws {
        let memory = try GuestMemory(size: 64 << 20)
        _ = try IdentityPageTables.build(in: memory)
        #expect(try translate(0x0, in: memory) == nil)            // NULL page unmapped
        #expect(try translate(0xFFF, in: memory) == nil)
        #expect(try translate(0x1000, in: memory) == 0x1000)
        #expect(try translate(0x20_1234, in: memory) == 0x20_1234)
        #expect(try translate((64 << 20) - 8, in: memory) == (64 << 20) - 8)
        #expect(try translate(64 << 20, in: memory) == nil)       // first byte past RAM
        #expect(try translate(PERFV_MMIO_BASE + 0x10, in: memory) == PERFV_MMIO_BASE + 0x10)
        #expect(try translate(PERFV_MMIO_BASE + PERFV_MMIO_BYTES, in: memory) == nil)
    }

    @Test("GDT, TSS and IDT match the ABI")
    func descriptorTables() throws {
        let memory = try GuestMemory(size: 32 << 20)
        try GlobalDescriptorTable.write(vcpuCount: 2, into: memory)
        for vcpu in 0..<2 { try TaskStateSegment.write(vcpu: vcpu, into: memory) }
        try TaskStateSegment.writeIOBitmap(into: memory)
        let userCode: UInt64 = try memory.load(at: PERFV_GPA_GDT + UInt64(PERFV_SEL_UCODE & ~3))
        #expect((userCode >> 45) & 3 == 3)      // DPL3
        #expect((userCode >> 53) & 1 == 1)      // L
        let tss1 = GuestLayout.taskStateSegment(vcpu: 1)
        let low: UInt64 = try memory.load(at: PERFV_GPA_GDT + UInt64(PERFV_SEL_TSS) + 16)
        #expect((low >> 16) & 0xFF_FFFF | ((low >> 56) << 24) == tss1)
        #expect(try memory.load(UInt64.self, at: tss1 + 4) == GuestLayout.kernelStackTop(vcpu: 1))
        let ioMapBase: UInt16 = try memory.load(at: tss1 + 102)
        #expect(tss1 + UInt64(ioMapBase) == PERFV_GPA_IO_BITMAP)
        #expect(try memory.load(UInt8.self, at: PERFV_GPA_IO_BITMAP + UInt64(PERFV_IO_BITMAP_BYTES) - 1) == 0xFF)

        var entries = [UInt64](repeating: 0, count: 32)
        entries[14] = 0x20_1234_5678
        entries[3] = 0x20_0040
        try InterruptDescriptorTable.write(exceptionEntries: entries, into: memory)
        let pageFault: UInt64 = try memory.load(at: PERFV_GPA_IDT + 16 * 14)
        let pageFaultHigh: UInt64 = try memory.load(at: PERFV_GPA_IDT + 16 * 14 + 8)
        #expect(pageFault & 0xFFFF | ((pageFault >> 48) << 16) | (pageFaultHigh << 32) == 0x20_1234_5678)
        #expect((pageFault >> 40) & 0xFF == 0x8E)
        #expect((try memory.load(UInt64.self, at: PERFV_GPA_IDT + 16 * 3) >> 40) & 0xFF == 0xEE)
        #expect((try memory.load(UInt64.self, at: PERFV_GPA_IDT + 16 * 13) >> 40) & 0x80 == 0) // no handler: not present
    }
}
