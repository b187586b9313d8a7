import SystemCalls
import CLinux
import PerfV
#if canImport(Glibc)
import Glibc
#endif

/// The KVM subsystem: an open /dev/kvm (rust-vmm's `Kvm`). Closes its descriptor on release.
/// It is also the one place that decides whether KVM is ready for the VMM (`probe`).
public final class KVMSystem {
    /// The stable KVM API version (KVM_API_VERSION in <linux/kvm.h>).
    public static let apiVersion = Int32(KVM_API_VERSION)
    public static let defaultPath = KVMHostInfo.devicePath

    let descriptor: FileDescriptor
    public let path: String

    /// Opens the KVM device and checks every `KVMCapability` (KVM_CHECK_EXTENSION);
    /// a missing one is `VMMError.missingCapability`.
    public convenience init(path: String = KVMSystem.defaultPath) throws {
        try self.init(opening: path)
        for capability in KVMCapability.allCases where try check(capability) <= 0 {
            throw VMMError.missingCapability(name: capability.name, number: capability.number)
        }
    }

    /// open(2) O_RDWR, then KVM_GET_API_VERSION.
    private init(opening path: String) throws {
        self.path = path
        do {
            descriptor = try FileDescriptor(opening: path, O_RDWR)
        } catch {
            switch error.errno {
            case ENOENT, ENODEV, ENXIO: throw VMMError.kvmUnavailable(path: path)
            case EACCES, EPERM: throw VMMError.kvmPermissionDenied(path: path, access: KVMDeviceAccess.inspect(path: path))
            default: throw VMMError.systemCall(error)
            }
        }
        let version = try VMMError.wrapping { () throws(SystemCallError) in
            try descriptor.ioctl(perfv_KVM_GET_API_VERSION, value: 0, "KVM_GET_API_VERSION")
        }
        guard version == KVMSystem.apiVersion else {
            throw VMMError.kvmAPIVersionMismatch(found: version, expected: KVMSystem.apiVersion)
        }
    }

    /// Whether the VMM can run on `path`, for `perfv-report info` and the sweep: `files`
    /// (PerfV's file facts) with `available`, `reason`, `apiVersion` and every
    /// capability's KVM_CHECK_EXTENSION answer filled in. Available exactly when
    /// `KVMSystem(path:)` would succeed, and the reason is the error it would throw.
    public static func probe(path: String = KVMSystem.defaultPath,
                             files: KVMHostInfo = KVMHostInfo.files(cpuFlags: nil)) -> KVMHostInfo {
        var info = files
        info.available = false
        info.apiVersion = nil
        info.capabilities = []
        do {
            let system = try KVMSystem(opening: path)
            info.devicePresent = true
            info.apiVersion = apiVersion
            info.capabilities = try KVMCapability.allCases.map { capability in
                KVMCapabilityStatus(name: capability.name, number: capability.number, value: try system.check(capability))
            }
            if let missing = info.capabilities.first(where: { !$0.supported }) {
                info.reason = VMMError.missingCapability(name: missing.name, number: missing.number).description
            } else {
                info.available = true
                info.reason = nil
            }
        } catch VMMError.kvmUnavailable where !files.devicePresent && path == KVMHostInfo.devicePath {
            info.reason = files.reason // the modules say why there is no node
        } catch let error as VMMError {
            if case .kvmUnavailable = error { info.devicePresent = false }
            if case let .kvmAPIVersionMismatch(found, _) = error { info.apiVersion = found }
            info.reason = error.description
        } catch {
            info.reason = "\(error)"
        }
        return info
    }

    /// KVM_CHECK_EXTENSION: 0 when absent, otherwise a capability-specific positive value.
    public func check(_ capability: KVMCapability) throws -> Int32 {
        try VMMError.wrapping { () throws(SystemCallError) in
            try descriptor.ioctl(perfv_KVM_CHECK_EXTENSION, value: UInt(capability.number), "KVM_CHECK_EXTENSION(\(capability.name))")
        }
    }

    /// KVM_GET_VCPU_MMAP_SIZE: bytes to mmap from each vCPU descriptor (kvm_run and its data pages).
    public func vcpuMapSize() throws -> Int {
        Int(try VMMError.wrapping { () throws(SystemCallError) in
            try descriptor.ioctl(perfv_KVM_GET_VCPU_MMAP_SIZE, value: 0, "KVM_GET_VCPU_MMAP_SIZE")
        })
    }

    /// KVM_GET_SUPPORTED_CPUID: the CPUID leaves KVM can expose, grown until the buffer fits (E2BIG).
    public func supportedCPUID() throws -> [kvm_cpuid_entry2] {
        var capacity = 128
        while true {
            do {
                return try CPUIDBuffer.withBuffer(capacity: capacity) { buffer in
                    try descriptor.ioctl(perfv_KVM_GET_SUPPORTED_CPUID, buffer.raw, "KVM_GET_SUPPORTED_CPUID")
                    return buffer.entries
                }
            } catch let error as SystemCallError {
                guard error.errno == E2BIG && capacity < 4096 else { throw VMMError.systemCall(error) }
                capacity *= 2
            }
        }
    }

    /// KVM_CREATE_VM with the default machine type.
    public func createVirtualMachine() throws -> VirtualMachine {
        let created = try VMMError.wrapping { () throws(SystemCallError) in
            try descriptor.ioctl(perfv_KVM_CREATE_VM, value: 0, "KVM_CREATE_VM")
        }
        return VirtualMachine(descriptor: FileDescriptor(adopting: created), system: self)
    }
}
