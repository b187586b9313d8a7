import CGuestABI

/// The IDT at PERFV_GPA_IDT: 256 16-byte gates. Vectors 0...31 are 64-bit interrupt gates
/// to the image header's exception_entry[v], DPL0 except the system-call vector
/// (PERFV_SYSCALL_VECTOR, INT3), which is DPL3 so ring 3 may raise it. A zero entry, and
/// every vector from 32 on, is left not-present (no interrupt source exists: no irqchip).
enum InterruptDescriptorTable {
    static let gateCount = 256
    static let gateBytes: UInt64 = 16
    static var limit: UInt16 { UInt16(UInt64(gateCount) * gateBytes - 1) }
    static let interruptGate: UInt8 = 0xE

    static func privilege(_ vector: Int) -> UInt8 { vector == Int(PERFV_SYSCALL_VECTOR) ? 3 : 0 }

    static func write(exceptionEntries: [UInt64], into memory: GuestMemory) throws {
        try memory.zero(at: GuestLayout.idt, length: UInt64(gateCount) * gateBytes)
        for (vector, target) in exceptionEntries.enumerated() where target != 0 {
            let low = (target & 0xFFFF)
                | UInt64(PERFV_SEL_KCODE) << 16
                | UInt64(0x80 | privilege(vector) << 5 | interruptGate) << 40 // present, DPL, IST 0
                | ((target >> 16) & 0xFFFF) << 48
            let address = GuestLayout.idt + gateBytes * UInt64(vector)
            try memory.store(low, at: address)
            try memory.store(target >> 32, at: address + 8)
        }
    }
}
