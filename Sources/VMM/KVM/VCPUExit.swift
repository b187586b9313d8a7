import CLinux
import PerfV

/// Why KVM_RUN returned, decoded from `kvm_run.exit_reason` and its union (the shape of
/// rust-vmm's `VcpuExit`). Port data points into the vCPU's kvm_run mapping, so decoding
/// an exit on the hot path allocates nothing.
enum VCPUExit {
    /// KVM_EXIT_IO, KVM_EXIT_IO_IN: fill `count` items of `size` bytes at `data` (kvm_run.io.data_offset).
    case portIn(port: UInt16, size: Int, count: Int, data: UnsafeMutableRawPointer)
    /// KVM_EXIT_IO, KVM_EXIT_IO_OUT: `count` items of `size` bytes the guest wrote, at `data`.
    case portOut(port: UInt16, size: Int, count: Int, data: UnsafeRawPointer)
    /// KVM_EXIT_MMIO: an access to guest-physical memory no slot backs.
    case mmio(address: UInt64, length: Int, isWrite: Bool)
    /// KVM_EXIT_X86_RDMSR: answer in kvm_run.msr.data, or set msr.error for #GP.
    case msrRead(index: UInt32)
    /// KVM_EXIT_X86_WRMSR: set msr.error for #GP.
    case msrWrite(index: UInt32, value: UInt64)
    /// KVM_EXIT_HLT.
    case halt
    /// KVM_EXIT_SHUTDOWN: a triple fault.
    case shutdown
    /// KVM_EXIT_FAIL_ENTRY: the CPU refused the guest state.
    case failEntry(hardwareReason: UInt64)
    /// KVM_EXIT_INTERNAL_ERROR; the data words are copied (this exit ends the vCPU).
    case internalError(suberror: UInt32, data: [UInt64])
    /// Any other KVM_EXIT_*.
    case unknown(reason: UInt32)

    /// Decodes the exit KVM left in `runArea` (the vCPU's mmap'ed `struct kvm_run`).
    init(runArea: UnsafeMutableRawPointer) {
        let run = runArea.assumingMemoryBound(to: kvm_run.self)
        switch Int32(bitPattern: run.pointee.exit_reason) {
        case KVM_EXIT_IO:
            let io = run.pointee.io
            let data = runArea.advanced(by: Int(io.data_offset))
            self = io.direction == UInt8(KVM_EXIT_IO_OUT)
                ? .portOut(port: io.port, size: Int(io.size), count: Int(io.count), data: UnsafeRawPointer(data))
                : .portIn(port: io.port, size: Int(io.size), count: Int(io.count), data: data)
        case KVM_EXIT_MMIO:
            let mmio = run.pointee.mmio
            self = .mmio(address: mmio.phys_addr, length: Int(mmio.len), isWrite: mmio.is_write != 0)
        case KVM_EXIT_X86_RDMSR:
            self = .msrRead(index: run.pointee.msr.index)
        case KVM_EXIT_X86_WRMSR:
            self = .msrWrite(index: run.pointee.msr.index, value: run.pointee.msr.data)
        case KVM_EXIT_HLT:
            self = .halt
        case KVM_EXIT_SHUTDOWN:
            self = .shutdown
        case KVM_EXIT_FAIL_ENTRY:
            self = .failEntry(hardwareReason: run.pointee.fail_entry.hardware_entry_failure_reason)
        case KVM_EXIT_INTERNAL_ERROR:
            let details = run.pointee.internal
            let count = min(Int(details.ndata), 16)
            self = .internalError(suberror: details.suberror,
                                  data: withUnsafeBytes(of: details.data) { Array($0.bindMemory(to: UInt64.self).prefix(count)) })
        default:
            self = .unknown(reason: run.pointee.exit_reason)
        }
    }

    /// The virtual counter this exit adds to, besides `exitsTotal`.
    var counter: VirtualCounter {
        switch self {
        case .portIn, .portOut: return .exitsIO
        case .mmio: return .exitsMMIO
        case .msrRead, .msrWrite: return .exitsMSR
        case .halt: return .exitsHLT
        case .shutdown, .failEntry, .internalError, .unknown: return .exitsOther
        }
    }
}
