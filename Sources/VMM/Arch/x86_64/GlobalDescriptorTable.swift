import CGuestABI
import CLinux

/// The GDT of perfv_guest_abi.h: null, kernel code 0x08, kernel data 0x10, user data 0x18,
/// user code 0x20 (the SYSRET layout), then one 16-byte 64-bit TSS descriptor per vCPU
/// at 0x28 + 16·i. Also the matching `kvm_segment` values for KVM_SET_SREGS.
enum GlobalDescriptorTable {
    // Flat 4 GiB descriptors with the accessed bit preset (the CPU need not write it).
    static let kernelCode: UInt64 = 0x00AF_9B00_0000_FFFF // L=1, DPL0, execute/read
    static let kernelData: UInt64 = 0x00CF_9300_0000_FFFF // DPL0, read/write
    static let userData: UInt64 = 0x00CF_F300_0000_FFFF   // DPL3, read/write
    static let userCode: UInt64 = 0x00AF_FB00_0000_FFFF   // L=1, DPL3, execute/read
    /// 64-bit TSS type 0xB (busy): TR is loaded by KVM_SET_SREGS, not by LTR.
    static let busyTSSType: UInt8 = 0xB

    static func tssSelector(vcpu index: Int) -> UInt16 { UInt16(Int(PERFV_SEL_TSS) + 16 * index) }

    /// Bytes of the table for `vcpuCount` vCPUs (the GDTR limit is this minus one).
    static func byteCount(vcpuCount: Int) -> Int { Int(PERFV_SEL_TSS) + 16 * vcpuCount }

    /// Writes the table at PERFV_GPA_GDT.
    static func write(vcpuCount: Int, into memory: GuestMemory) throws {
        let base = GuestLayout.gdt
        try memory.store(UInt64(0), at: base)
        try memory.store(kernelCode, at: base + UInt64(PERFV_SEL_KCODE))
        try memory.store(kernelData, at: base + UInt64(PERFV_SEL_KDATA))
        try memory.store(userData, at: base + UInt64(PERFV_SEL_UDATA & ~3))
        try memory.store(userCode, at: base + UInt64(PERFV_SEL_UCODE & ~3))
        for vcpu in 0..<vcpuCount {
            let tss = GuestLayout.taskStateSegment(vcpu: vcpu)
            let tssLimit = TaskStateSegment.limit(vcpu: vcpu)
            var low = UInt64(tssLimit & 0xFFFF)
            low |= (tss & 0xFF_FFFF) << 16
            low |= UInt64(busyTSSType) << 40
            low |= 1 << 47 // present
            low |= UInt64((tssLimit >> 16) & 0xF) << 48
            low |= ((tss >> 24) & 0xFF) << 56
            let address = base + UInt64(tssSelector(vcpu: vcpu))
            try memory.store(low, at: address)
            try memory.store(tss >> 32, at: address + 8)
        }
    }

    static var kernelCodeSegment: kvm_segment {
        kvm_segment(base: 0, limit: 0xFFFF_FFFF, selector: UInt16(PERFV_SEL_KCODE), type: 0xB, present: 1,
                    dpl: 0, db: 0, s: 1, l: 1, g: 1, avl: 0, unusable: 0, padding: 0)
    }

    static var kernelDataSegment: kvm_segment {
        kvm_segment(base: 0, limit: 0xFFFF_FFFF, selector: UInt16(PERFV_SEL_KDATA), type: 0x3, present: 1,
                    dpl: 0, db: 1, s: 1, l: 0, g: 1, avl: 0, unusable: 0, padding: 0)
    }

    static func taskRegister(vcpu index: Int) -> kvm_segment {
        kvm_segment(base: GuestLayout.taskStateSegment(vcpu: index), limit: TaskStateSegment.limit(vcpu: index), selector: tssSelector(vcpu: index),
                    type: busyTSSType, present: 1, dpl: 0, db: 0, s: 0, l: 0, g: 0, avl: 0, unusable: 0, padding: 0)
    }

    static var unusableSegment: kvm_segment {
        kvm_segment(base: 0, limit: 0, selector: 0, type: 0, present: 0, dpl: 0, db: 0, s: 0, l: 0, g: 0,
                    avl: 0, unusable: 1, padding: 0)
    }
}
