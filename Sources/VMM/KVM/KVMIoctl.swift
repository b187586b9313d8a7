import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// The one place the VMM issues raw ioctl(2) calls on KVM file descriptors.
enum KVMIoctl {
    /// ioctl(fd, request, pointer), retried on EINTR. Returns the non-negative result.
    @discardableResult
    static func call(_ fd: Int32, _ request: UInt, _ name: String, _ argument: UnsafeMutableRawPointer?) throws -> Int32 {
        while true {
            let result = perfv_ioctl_ptr(fd, request, argument)
            if result >= 0 { return result }
            let error = errno
            if error == EINTR { continue }
            throw VMMError.ioctlFailed(name: name, errno: error)
        }
    }

    /// ioctl(fd, request, integer), retried on EINTR.
    @discardableResult
    static func call(_ fd: Int32, _ request: UInt, _ name: String, value: UInt) throws -> Int32 {
        while true {
            let result = perfv_ioctl_int(fd, request, value)
            if result >= 0 { return result }
            let error = errno
            if error == EINTR { continue }
            throw VMMError.ioctlFailed(name: name, errno: error)
        }
    }

    /// ioctl(fd, request, &value) on a typed struct, retried on EINTR.
    @discardableResult
    static func call<T>(_ fd: Int32, _ request: UInt, _ name: String, _ value: inout T) throws -> Int32 {
        try withUnsafeMutableBytes(of: &value) { try call(fd, request, name, $0.baseAddress) }
    }

    /// KVM_RUN. Not retried: EINTR means the thread was kicked (a signal or immediate_exit).
    /// Returns false when the run was interrupted, true when kvm_run holds an exit.
    static func run(_ fd: Int32) throws -> Bool {
        let result = perfv_ioctl_int(fd, perfv_KVM_RUN, 0)
        if result >= 0 { return true }
        let error = errno
        if error == EINTR || error == EAGAIN { return false }
        throw VMMError.ioctlFailed(name: "KVM_RUN", errno: error)
    }
}

/// close(2) for the owning types' deinit; errors at close cannot be acted on.
func closeDescriptor(_ fd: Int32) {
    _ = Glibc.close(fd)
}
