import CGuestABI

/// The 64-bit TSS, one per vCPU at PERFV_GPA_TSS + 128·i: RSP0 is that vCPU's kernel
/// stack top (used when a trap arrives from ring 3). Every TSS points at one shared I/O
/// permission bitmap at PERFV_GPA_IO_BITMAP that allows the guest's ports: PVM ignores
/// RFLAGS.IOPL for CPL3 port I/O and consults the bitmap (hardware honours both).
enum TaskStateSegment {
    static let bytes: UInt64 = 104
    static let rsp0Offset: UInt64 = 4
    static let ioMapBaseOffset: UInt64 = 102

    /// iomap_base of vCPU `index`'s TSS: the shared bitmap's offset from that TSS.
    static func ioMapBase(vcpu index: Int) -> UInt64 {
        PERFV_GPA_IO_BITMAP - GuestLayout.taskStateSegment(vcpu: index)
    }

    /// The TSS limit (descriptor and TR): through the bitmap's last byte.
    static func limit(vcpu index: Int) -> UInt32 {
        UInt32(ioMapBase(vcpu: index) + UInt64(PERFV_IO_BITMAP_BYTES) - 1)
    }

    static func write(vcpu index: Int, into memory: GuestMemory) throws {
        let address = GuestLayout.taskStateSegment(vcpu: index)
        try memory.zero(at: address, length: GuestLayout.tssStride)
        try memory.store(GuestLayout.kernelStackTop(vcpu: index), at: address + rsp0Offset)
        try memory.store(UInt16(ioMapBase(vcpu: index)), at: address + ioMapBaseOffset)
    }

    /// The shared bitmap: every port below the last byte allowed (zero bits), then the
    /// 0xFF byte the CPU may read past the last port's byte.
    static func writeIOBitmap(into memory: GuestMemory) throws {
        let allowed = UInt64(PERFV_IO_BITMAP_BYTES) - 1
        try memory.zero(at: PERFV_GPA_IO_BITMAP, length: allowed)
        try memory.store(UInt8(0xFF), at: PERFV_GPA_IO_BITMAP + allowed)
    }
}
