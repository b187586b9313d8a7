import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// The KVM subsystem: an open /dev/kvm (rust-vmm's `Kvm`). Closes its descriptor on release.
public final class KVMSystem {
    /// The stable KVM API version (KVM_API_VERSION).
    public static let apiVersion: Int32 = 12
    public static let defaultPath = "/dev/kvm"

    let fd: Int32
    public let path: String

    /// Opens the KVM device (open(2) O_RDWR|O_CLOEXEC), checks KVM_GET_API_VERSION and
    /// every capability in `KVMCapability.required`.
    public init(path: String = KVMSystem.defaultPath) throws {
        self.path = path
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        if descriptor < 0 {
            let error = errno
            switch error {
            case ENOENT, ENODEV, ENXIO: throw VMMError.kvmUnavailable(path: path)
            case EACCES, EPERM: throw VMMError.kvmPermissionDenied(path: path, group: KVMSystem.owningGroup(of: path))
            default: throw VMMError.systemCall(call: "open(\(path))", errno: error)
            }
        }
        fd = descriptor
        let version = try KVMIoctl.call(fd, perfv_KVM_GET_API_VERSION, "KVM_GET_API_VERSION", value: 0)
        guard version == KVMSystem.apiVersion else {
            throw VMMError.kvmAPIVersionMismatch(found: version, expected: KVMSystem.apiVersion)
        }
        for capability in KVMCapability.required where try check(capability) <= 0 {
            throw VMMError.missingCapability(name: capability.name, number: capability.number)
        }
    }

    deinit { closeDescriptor(fd) }

    /// KVM_CHECK_EXTENSION: 0 when absent, otherwise a capability-specific positive value.
    public func check(_ capability: KVMCapability) throws -> Int32 {
        try KVMIoctl.call(fd, perfv_KVM_CHECK_EXTENSION, "KVM_CHECK_EXTENSION(\(capability.name))", value: UInt(capability.number))
    }

    /// KVM_GET_VCPU_MMAP_SIZE: bytes to mmap from each vCPU descriptor (kvm_run and its data pages).
    public func vcpuMapSize() throws -> Int {
        Int(try KVMIoctl.call(fd, perfv_KVM_GET_VCPU_MMAP_SIZE, "KVM_GET_VCPU_MMAP_SIZE", value: 0))
    }

    /// KVM_GET_SUPPORTED_CPUID: the CPUID leaves KVM can expose, grown until the buffer fits (E2BIG).
    public func supportedCPUID() throws -> [kvm_cpuid_entry2] {
        var capacity = 128
        while true {
            do {
                return try CPUIDBuffer.withBuffer(capacity: capacity) { buffer in
                    try KVMIoctl.call(fd, perfv_KVM_GET_SUPPORTED_CPUID, "KVM_GET_SUPPORTED_CPUID", buffer.raw)
                    return buffer.entries
                }
            } catch VMMError.ioctlFailed(_, let error) where error == E2BIG && capacity < 4096 {
                capacity *= 2
            }
        }
    }

    /// KVM_CREATE_VM with the default machine type.
    public func createVirtualMachine() throws -> VirtualMachine {
        let vmFD = try KVMIoctl.call(fd, perfv_KVM_CREATE_VM, "KVM_CREATE_VM", value: 0)
        return VirtualMachine(fd: vmFD, system: self)
    }

    /// The group that owns the device node, for the permission-denied message.
    static func owningGroup(of path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0, let group = getgrgid(status.st_gid) else { return nil }
        return String(cString: group.pointee.gr_name)
    }
}
