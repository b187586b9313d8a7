import SystemCalls
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every error the VMM throws. Each case's description is the message a user reads.
public enum VMMError: Error, CustomStringConvertible {
    // MARK: KVM
    /// The KVM device node does not exist: no kvm module loaded, or not a Linux host.
    case kvmUnavailable(path: String)
    /// The KVM device exists but this user may not open it.
    case kvmPermissionDenied(path: String, access: KVMDeviceAccess?)
    /// KVM_GET_API_VERSION returned something other than the stable API (12).
    case kvmAPIVersionMismatch(found: Int32, expected: Int32)
    /// KVM_CHECK_EXTENSION says the kernel lacks a capability the VMM needs.
    case missingCapability(name: String, number: Int32)
    /// A system call (an ioctl on a KVM descriptor, open, mmap) failed.
    case systemCall(SystemCallError)
    /// A vCPU thread stopped on an error that is not the VMM's own (no errno to report).
    case vcpuThreadFailed(vcpu: Int, reason: String)

    // MARK: Configuration and memory
    /// A machine or device option is out of range.
    case invalidConfiguration(String)
    /// A host-side access to guest memory fell outside RAM.
    case guestAddressOutOfRange(address: UInt64, length: UInt64, ramBytes: UInt64)
    /// NUMA binding was asked for, but libnuma says NUMA is not available or the node does not exist.
    case numaUnavailable(node: Int, reason: String)

    // MARK: Guest image
    /// The payload is not a well-formed guest image; `reason` says which check failed.
    case malformedImage(ImageDefect)

    // MARK: Guest faults (each carries the registers of the vCPU that stopped)
    /// The guest supervisor reported a fatal CPU exception through the fault port.
    case guestException(vcpu: Int, vector: UInt8, errorCode: UInt64, faultingRIP: UInt64, cr2: UInt64, registers: GuestRegisters)
    /// The guest touched an address beyond its RAM that no page maps (a #PF outside RAM).
    case accessOutsideGuestMemory(vcpu: Int, address: UInt64, isWrite: Bool, registers: GuestRegisters)
    /// The guest accessed guest-physical memory that no memory slot or device backs (a KVM MMIO exit with no device).
    case unbackedMemoryAccess(vcpu: Int, address: UInt64, isWrite: Bool, length: Int, registers: GuestRegisters)
    /// KVM_EXIT_SHUTDOWN: the guest triple-faulted.
    case tripleFault(vcpu: Int, registers: GuestRegisters)
    /// KVM_EXIT_FAIL_ENTRY: the CPU refused to enter the guest (invalid guest state).
    case entryFailure(vcpu: Int, hardwareReason: UInt64, registers: GuestRegisters)
    /// KVM_EXIT_INTERNAL_ERROR: KVM could not continue (e.g. emulation failure).
    case kvmInternalError(vcpu: Int, suberror: UInt32, data: [UInt64], registers: GuestRegisters)
    /// KVM returned an exit reason the VMM does not handle.
    case unexpectedExit(vcpu: Int, reason: UInt32, registers: GuestRegisters)
    /// The guest executed HLT without an exit hypercall; with no interrupt source nothing can wake it.
    case guestHalted(vcpu: Int, registers: GuestRegisters)
    /// The run exceeded its time limit; the registers are each vCPU's at the moment it was stopped.
    case watchdogTimeout(seconds: Double, registers: [GuestRegisters])
    /// The guest rang the block doorbell with more requests than the ring holds.
    case invalidBlockDoorbell(vcpu: Int, count: UInt32, capacity: Int)
    /// The guest's transmit ring was malformed, or its datagram could not be sent.
    case networkDevice(vcpu: Int, NetworkDeviceError)
    /// The guest made a hypercall with a number the VMM does not know.
    case unknownHypercall(vcpu: Int, number: UInt64, registers: GuestRegisters)
    /// The guest exited with a non-zero status.
    case guestExitStatus(vcpu: Int, status: UInt64, console: String)

    public var description: String {
        switch self {
        case let .kvmUnavailable(path):
            return "\(path) does not exist: load the kvm module (kvm_intel, kvm_amd or kvm_pvm) or run on a host with KVM"
        case let .kvmPermissionDenied(path, access):
            return "permission denied opening \(path): " + (access?.advice ?? "it cannot be stat'ed; ask an administrator for read/write access")
        case let .kvmAPIVersionMismatch(found, expected):
            return "KVM API version \(found) is not the supported version \(expected)"
        case let .missingCapability(name, number):
            return "the kernel's KVM lacks \(name) (capability \(number)); a newer kernel is needed"
        case let .systemCall(error):
            return error.description
        case let .vcpuThreadFailed(vcpu, reason):
            return "vCPU \(vcpu) thread failed: \(reason)"
        case let .invalidConfiguration(message):
            return "invalid VM configuration: \(message)"
        case let .guestAddressOutOfRange(address, length, ramBytes):
            return "guest address range \(hex(address))+\(length) is outside guest RAM (\(ramBytes) bytes)"
        case let .numaUnavailable(node, reason):
            return "cannot bind guest memory to NUMA node \(node): \(reason)"
        case let .malformedImage(defect):
            return "malformed guest image: \(defect)"
        case let .guestException(vcpu, vector, errorCode, rip, cr2, registers):
            var text = "guest exception \(ExceptionVector.name(vector)) on vCPU \(vcpu) at RIP \(hex(rip)), error code \(hex(errorCode))"
            if vector == ExceptionVector.pageFault { text += ", CR2 \(hex(cr2))" }
            return text + "\n" + registers.description
        case let .accessOutsideGuestMemory(vcpu, address, isWrite, registers):
            return "guest \(isWrite ? "wrote" : "read") outside its memory at \(hex(address)) on vCPU \(vcpu) (#PF)\n\(registers)"
        case let .unbackedMemoryAccess(vcpu, address, isWrite, length, registers):
            return "guest accessed unbacked memory at GPA \(hex(address)) (\(isWrite ? "write" : "read"), \(length) bytes) on vCPU \(vcpu)\n\(registers)"
        case let .tripleFault(vcpu, registers):
            return "guest triple fault (KVM_EXIT_SHUTDOWN) on vCPU \(vcpu)\n\(registers)"
        case let .entryFailure(vcpu, reason, registers):
            return "KVM could not enter the guest on vCPU \(vcpu) (KVM_EXIT_FAIL_ENTRY, hardware reason \(hex(reason)))\n\(registers)"
        case let .kvmInternalError(vcpu, suberror, data, registers):
            let details = data.map { hex($0) }.joined(separator: " ")
            var text = "KVM internal error on vCPU \(vcpu): \(KVMExitReason.internalErrorName(suberror)) (suberror \(suberror)) data [\(details)]"
            if let bytes = VMMError.emulationFailureInstruction(suberror: suberror, data: data) {
                text += "; instruction bytes " + bytes.map { String(format: "%02x", $0) }.joined(separator: " ")
            }
            return text + "\n\(registers)"
        case let .unexpectedExit(vcpu, reason, registers):
            return "unexpected KVM exit \(KVMExitReason.name(reason)) (\(reason)) on vCPU \(vcpu)\n\(registers)"
        case let .guestHalted(vcpu, registers):
            return "vCPU \(vcpu) halted without an exit hypercall (nothing can wake it)\n\(registers)"
        case let .watchdogTimeout(seconds, registers):
            return "guest did not finish within \(seconds) s; stopped by the watchdog\n"
                + registers.map(\.description).joined(separator: "\n")
        case let .invalidBlockDoorbell(vcpu, count, capacity):
            return "vCPU \(vcpu) rang the block doorbell with \(count) requests; the ring holds \(capacity)"
        case let .networkDevice(vcpu, error):
            return "network device, vCPU \(vcpu): \(error)"
        case let .unknownHypercall(vcpu, number, registers):
            return "vCPU \(vcpu) made unknown hypercall \(number)\n\(registers)"
        case let .guestExitStatus(vcpu, status, console):
            return "guest vCPU \(vcpu) exited with status \(status)" + (console.isEmpty ? "" : "; console:\n\(console)")
        }
    }

    /// The instruction KVM could not emulate: struct emulation_failure overlays the internal
    /// error data as flags, then insn_size and up to 15 bytes (when flags bit 0 is set).
    public static func emulationFailureInstruction(suberror: UInt32, data: [UInt64]) -> [UInt8]? {
        guard suberror == 1, data.count >= 3, data[0] & 1 != 0 else { return nil }
        let bytes = data[1...].flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } }
        let size = min(Int(bytes[0]), 15, bytes.count - 1)
        return Array(bytes[1...size])
    }

    /// Runs `body`, reporting a failed system call as ``systemCall(_:)``. The closure is
    /// not escaping and is inlined, so wrapping a hot call (KVM_RUN) costs nothing.
    @inline(__always) @discardableResult
    static func wrapping<Result: ~Copyable>(_ body: () throws(SystemCallError) -> Result) throws(VMMError) -> Result {
        do { return try body() } catch { throw .systemCall(error) }
    }
}

/// Formats a value as 0x-prefixed hexadecimal.
func hex<T: BinaryInteger>(_ value: T) -> String {
    "0x" + String(value, radix: 16)
}
