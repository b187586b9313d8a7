import SystemCalls
import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// One virtual CPU: a vCPU file descriptor and its mmapped `struct kvm_run`
/// (rust-vmm's `VcpuFd`). Unmaps and closes on release.
public final class VirtualCPU {
    public let index: Int
    let descriptor: FileDescriptor
    /// The shared kvm_run page(s): exit information out, immediate_exit in.
    let runArea: UnsafeMutableRawPointer
    let mapSize: Int
    /// Kept alive: a vCPU must not outlive its VM.
    let machine: VirtualMachine

    init(index: Int, descriptor: consuming FileDescriptor, run: UnsafeMutableRawPointer, mapSize: Int, machine: VirtualMachine) {
        self.index = index
        self.descriptor = descriptor
        self.runArea = run
        self.mapSize = mapSize
        self.machine = machine
    }

    deinit {
        munmap(runArea, mapSize)
    }

    /// The kvm_run structure shared with the kernel.
    var run: UnsafeMutablePointer<kvm_run> { runArea.assumingMemoryBound(to: kvm_run.self) }

    /// KVM_GET_REGS.
    public func registers() throws -> kvm_regs {
        var value = kvm_regs()
        try VMMError.wrapping { () throws(SystemCallError) in try descriptor.ioctl(perfv_KVM_GET_REGS, &value, "KVM_GET_REGS") }
        return value
    }

    /// KVM_SET_REGS.
    public func setRegisters(_ registers: kvm_regs) throws {
        var value = registers
        try VMMError.wrapping { () throws(SystemCallError) in try descriptor.ioctl(perfv_KVM_SET_REGS, &value, "KVM_SET_REGS") }
    }

    /// KVM_GET_SREGS: segment, control and descriptor-table registers.
    public func specialRegisters() throws -> kvm_sregs {
        var value = kvm_sregs()
        try VMMError.wrapping { () throws(SystemCallError) in try descriptor.ioctl(perfv_KVM_GET_SREGS, &value, "KVM_GET_SREGS") }
        return value
    }

    /// KVM_SET_SREGS.
    public func setSpecialRegisters(_ registers: kvm_sregs) throws {
        var value = registers
        try VMMError.wrapping { () throws(SystemCallError) in try descriptor.ioctl(perfv_KVM_SET_SREGS, &value, "KVM_SET_SREGS") }
    }

    /// KVM_SET_MSRS; fails unless KVM accepted every entry.
    public func setMSRs(_ values: [(index: UInt32, value: UInt64)]) throws {
        let accepted = try withMSRBuffer(values) { raw in
            try VMMError.wrapping { () throws(SystemCallError) in try descriptor.ioctl(perfv_KVM_SET_MSRS, raw, "KVM_SET_MSRS") }
        }
        guard accepted == values.count else {
            let rejected = values[Int(accepted)].index
            throw VMMError.systemCall(SystemCallError(call: "KVM_SET_MSRS(\(hex(rejected)))", errno: EINVAL))
        }
    }

    /// KVM_GET_MSRS for the given indices.
    public func msrs(_ indices: [UInt32]) throws -> [UInt64] {
        try withMSRBuffer(indices.map { ($0, 0) }) { raw in
            let read = try VMMError.wrapping { () throws(SystemCallError) in try descriptor.ioctl(perfv_KVM_GET_MSRS, raw, "KVM_GET_MSRS") }
            guard read == indices.count else {
                throw VMMError.systemCall(SystemCallError(call: "KVM_GET_MSRS(\(hex(indices[Int(read)])))", errno: EINVAL))
            }
            let entries = raw.advanced(by: MemoryLayout<kvm_msrs>.size).assumingMemoryBound(to: kvm_msr_entry.self)
            return (0..<indices.count).map { entries[$0].data }
        }
    }

    /// KVM_SET_CPUID2.
    public func setCPUID(_ entries: [kvm_cpuid_entry2]) throws {
        _ = try CPUIDBuffer.withEntries(entries) { buffer in
            try VMMError.wrapping { () throws(SystemCallError) in try descriptor.ioctl(perfv_KVM_SET_CPUID2, buffer.raw, "KVM_SET_CPUID2") }
        }
    }

    /// KVM_GET_TSC_KHZ: the TSC rate KVM runs this vCPU's guest at.
    public func tscKilohertz() throws -> UInt32 {
        let khz = try VMMError.wrapping { () throws(SystemCallError) in
            try descriptor.ioctl(perfv_KVM_GET_TSC_KHZ, value: 0, "KVM_GET_TSC_KHZ")
        }
        return UInt32(khz)
    }

    /// KVM_RUN once. Returns the exit reason, or nil when the run was interrupted
    /// (a kick: signal or immediate_exit).
    @inline(__always)
    func runOnce() throws -> UInt32? {
        let result = try VMMError.wrapping { () throws(SystemCallError) in 
            try descriptor.ioctlReturningOnInterrupt(perfv_KVM_RUN, value: 0, "KVM_RUN")
        }
        return result == nil ? nil : run.pointee.exit_reason
    }

    /// A snapshot of the registers for error reports; never throws (fields that
    /// cannot be read are left zero and flagged).
    public func registerSnapshot() -> GuestRegisters {
        GuestRegisters(vcpu: index, registers: try? registers(), specialRegisters: try? specialRegisters())
    }

    /// Lays out `struct kvm_msrs` (count + entries) in a temporary buffer.
    private func withMSRBuffer<R>(_ values: [(index: UInt32, value: UInt64)], _ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
        let header = MemoryLayout<kvm_msrs>.size
        let bytes = header + values.count * MemoryLayout<kvm_msr_entry>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 8)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        defer { raw.deallocate() }
        raw.assumingMemoryBound(to: kvm_msrs.self).pointee.nmsrs = UInt32(values.count)
        let entries = raw.advanced(by: header).assumingMemoryBound(to: kvm_msr_entry.self)
        for (offset, item) in values.enumerated() {
            entries[offset] = kvm_msr_entry(index: item.index, reserved: 0, data: item.value)
        }
        return try body(raw)
    }
}
