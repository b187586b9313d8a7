import SystemCalls
import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// One KVM virtual machine: a VM file descriptor (rust-vmm's `VmFd`). Closes it on release.
public final class VirtualMachine {
    let descriptor: FileDescriptor
    /// Kept alive for the vCPU map size and so /dev/kvm outlives the VM.
    let system: KVMSystem

    init(descriptor: consuming FileDescriptor, system: KVMSystem) {
        self.descriptor = descriptor
        self.system = system
    }

    /// KVM_SET_USER_MEMORY_REGION: backs `size` bytes of guest-physical memory at `guestAddress`
    /// with host memory at `hostAddress`.
    public func setMemoryRegion(slot: UInt32, guestAddress: UInt64, size: UInt64, hostAddress: UnsafeMutableRawPointer) throws {
        var region = kvm_userspace_memory_region(
            slot: slot, flags: 0, guest_phys_addr: guestAddress, memory_size: size,
            userspace_addr: UInt64(UInt(bitPattern: hostAddress)))
        try VMMError.wrapping { () throws(SystemCallError) in try descriptor.ioctl(perfv_KVM_SET_USER_MEMORY_REGION, &region, "KVM_SET_USER_MEMORY_REGION") }
    }

    /// KVM_ENABLE_CAP(KVM_CAP_X86_USER_SPACE_MSR): RDMSR/WRMSR that KVM rejects as invalid,
    /// does not know, or that the MSR filter denies exit to user space as KVM_EXIT_X86_RDMSR/WRMSR.
    public func enableUserSpaceMSRExits() throws {
        var capability = kvm_enable_cap()
        capability.cap = UInt32(KVM_CAP_X86_USER_SPACE_MSR)
        capability.args.0 = UInt64(KVM_MSR_EXIT_REASON_INVAL | KVM_MSR_EXIT_REASON_UNKNOWN | KVM_MSR_EXIT_REASON_FILTER)
        try VMMError.wrapping { () throws(SystemCallError) in 
            try descriptor.ioctl(perfv_KVM_ENABLE_CAP, &capability, "KVM_ENABLE_CAP(KVM_CAP_X86_USER_SPACE_MSR)")
        }
    }

    /// KVM_X86_SET_MSR_FILTER: allow every MSR by default (KVM handles them) except
    /// `count` MSRs from `base`, which are denied for read and write and so exit to user space.
    public func trapMSRs(base: UInt32, count: UInt32) throws {
        try trapMSRs([(base, count)])
    }

    /// KVM_X86_SET_MSR_FILTER with several denied ranges (at most 16, KVM_MSR_FILTER_MAX_RANGES):
    /// each range's MSRs exit to user space; every other MSR stays KVM's.
    public func trapMSRs(_ ranges: [(first: UInt32, count: UInt32)]) throws {
        let slots = MemoryLayout.size(ofValue: kvm_msr_filter().ranges) / MemoryLayout<kvm_msr_filter_range>.stride
        guard ranges.count <= slots else {
            throw VMMError.invalidConfiguration("\(ranges.count) trapped MSR ranges; KVM's filter holds \(slots)")
        }
        // All-zero bitmaps: a clear bit denies the MSR, so every MSR of a range exits.
        let bitmaps = ranges.map { UnsafeMutablePointer<UInt8>.allocate(capacity: Int(($0.count + 7) / 8)) }
        defer { bitmaps.forEach { $0.deallocate() } }
        var filter = kvm_msr_filter()
        filter.flags = UInt32(KVM_MSR_FILTER_DEFAULT_ALLOW)
        withUnsafeMutableBytes(of: &filter.ranges) { raw in
            let slot = raw.bindMemory(to: kvm_msr_filter_range.self)
            for (index, range) in ranges.enumerated() {
                bitmaps[index].initialize(repeating: 0, count: Int((range.count + 7) / 8))
                slot[index] = kvm_msr_filter_range(
                    flags: UInt32(KVM_MSR_FILTER_READ | KVM_MSR_FILTER_WRITE), nmsrs: range.count, base: range.first,
                    bitmap: bitmaps[index])
            }
        }
        try VMMError.wrapping { () throws(SystemCallError) in try descriptor.ioctl(perfv_KVM_X86_SET_MSR_FILTER, &filter, "KVM_X86_SET_MSR_FILTER") }
    }

    /// KVM_CREATE_VCPU, then mmap(2) of its kvm_run area.
    public func createVirtualCPU(index: Int) throws -> VirtualCPU {
        let mapSize = try system.vcpuMapSize()
        let vcpu = FileDescriptor(adopting: try VMMError.wrapping { () throws(SystemCallError) in 
            try descriptor.ioctl(perfv_KVM_CREATE_VCPU, value: UInt(index), "KVM_CREATE_VCPU")
        })
        let mapping = mmap(nil, mapSize, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu.rawValue, 0)
        guard let mapping, mapping != MAP_FAILED else {
            throw VMMError.systemCall(.lastError(of: "mmap(vCPU \(index) kvm_run)"))
        }
        return VirtualCPU(index: index, descriptor: vcpu, run: mapping, mapSize: mapSize, machine: self)
    }
}
