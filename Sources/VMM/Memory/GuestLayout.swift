import CGuestABI

/// The guest-physical layout of perfv_guest_abi.h, in Swift names, plus the
/// per-vCPU addresses derived from it (identity-mapped: GVA == GPA).
public enum GuestLayout {
    public static let gdt = PERFV_GPA_GDT
    public static let idt = PERFV_GPA_IDT
    public static let tss = PERFV_GPA_TSS
    public static let tssStride = UInt64(PERFV_TSS_STRIDE)
    public static let bootParameters = PERFV_GPA_BOOT_PARAMS
    public static let mailbox = PERFV_GPA_MAILBOX
    public static let pageTables = PERFV_GPA_PAGE_TABLES
    public static let blockRing = PERFV_GPA_BLOCK_RING
    public static let networkRing = PERFV_GPA_NET_RING
    public static let kernelStacks = PERFV_GPA_KERNEL_STACKS
    public static let kernelStackBytes = PERFV_KERNEL_STACK_BYTES
    public static let image = PERFV_GPA_IMAGE
    public static let imageMaximumBytes = PERFV_IMAGE_MAX_BYTES
    public static let userStacks = PERFV_GPA_USER_STACKS
    public static let userStackBytes = PERFV_USER_STACK_BYTES
    public static let maximumVCPUs = Int(PERFV_MAX_VCPUS)
    /// PerfV's MSR block: control, available mask, then one MSR per counter (PERFV_MSR_COUNT).
    public static let msrCount = UInt32(2 + PERFV_COUNTER_COUNT.rawValue)
    public static let mmioBase = PERFV_MMIO_BASE
    public static let mmioBytes = PERFV_MMIO_BYTES

    /// The page size the identity map uses.
    public static let largePageBytes: UInt64 = 2 << 20
    /// RAM must end below the MMIO window.
    public static let maximumRAMBytes: UInt64 = PERFV_MMIO_BASE
    /// The smallest RAM that holds the fixed layout, 16 vCPUs' user stacks and some heap.
    public static let minimumRAMBytes: UInt64 = 16 << 20

    /// Top of vCPU `index`'s 16 KiB kernel stack (the start RSP and TSS.RSP0).
    public static func kernelStackTop(vcpu index: Int) -> UInt64 {
        kernelStacks + kernelStackBytes * UInt64(index + 1)
    }

    /// First heap byte: after every vCPU's user stack, rounded up to a 2 MiB page.
    public static func heapBase(vcpuCount: Int) -> UInt64 {
        let end = userStacks + userStackBytes * UInt64(vcpuCount)
        return (end + largePageBytes - 1) & ~(largePageBytes - 1)
    }

    /// vCPU `index`'s TSS.
    public static func taskStateSegment(vcpu index: Int) -> UInt64 { tss + tssStride * UInt64(index) }

    /// vCPU `index`'s hypercall mailbox slot.
    public static func mailboxSlot(vcpu index: Int) -> UInt64 {
        mailbox + UInt64(MemoryLayout<perfv_mailbox_slot>.stride * index)
    }
}
