#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// Whether this machine can run PerfV's VMM: /dev/kvm, its API version, the
/// flavor of virtualization behind it, and the capabilities the VMM needs.
public struct KVMHostInfo: Sendable, Equatable, Codable {
    public static let devicePath = "/dev/kvm"
    /// KVM_GET_API_VERSION has answered 12 since Linux 2.6.22.
    public static let expectedAPIVersion: Int32 = 12

    /// /dev/kvm opened read-write and answered API version 12.
    public var available: Bool
    /// Why `available` is false, with what to do about it; nil when available.
    @AlwaysEncoded public var reason: String?
    /// /dev/kvm exists.
    public var devicePresent: Bool
    /// KVM_GET_API_VERSION's answer, when /dev/kvm could be opened.
    public var apiVersion: Int32?
    /// Which module backs /dev/kvm.
    public var flavor: KVMFlavor
    /// "hardware", "software" or "unknown", from `flavor`.
    public var virtualization: String
    /// KVM modules present under /sys/module.
    public var modules: [String]
    /// Whether this CPU shows `vmx` (Intel) or `svm` (AMD) in /proc/cpuinfo; nil when unread.
    public var hardwareVirtualizationFlag: String?
    /// /sys/module/kvm/parameters/enable_pmu: whether KVM gives its guests a virtual PMU.
    public var guestPMUEnabled: Bool?
    /// KVM_CHECK_EXTENSION for each capability PerfV's VMM needs (empty when unopenable).
    public var capabilities: [KVMCapability]

    /// Probes /dev/kvm under `root` (opened O_RDWR, as the VMM will).
    public static func gather(root: SystemRoot = .live, cpuFlags: Set<String>?) -> KVMHostInfo {
        let modules = KVMFlavor.loadedModules(root: root)
        let flavor = KVMFlavor.detect(loadedModules: modules)
        var info = KVMHostInfo(
            available: false, reason: nil,
            devicePresent: root.exists(devicePath),
            apiVersion: nil, flavor: flavor, virtualization: flavor.virtualization,
            modules: modules.sorted(),
            hardwareVirtualizationFlag: cpuFlags.map { flags in
                flags.contains("vmx") ? "vmx" : flags.contains("svm") ? "svm" : "none"
            },
            guestPMUEnabled: guestPMUParameter(root: root),
            capabilities: [])

        guard info.devicePresent else {
            info.reason = modules.contains("kvm")
                ? "no \(devicePath) although the kvm module is loaded: no vendor module (kvm_intel, kvm_amd, kvm_pvm) registered it"
                : "no \(devicePath): the kvm module is not loaded (and this CPU shows \(info.hardwareVirtualizationFlag ?? "unknown") as its virtualization flag)"
            return info
        }
        let descriptor: Int32
        do {
            descriptor = try SystemCall.retryingOnInterrupt("open(\(devicePath))") {
                open(root.resolve(devicePath), O_RDWR | O_CLOEXEC)
            }
        } catch let PerfVError.systemCall(_, code) where code == EACCES || code == EPERM {
            info.reason = permissionAdvice(root: root)
            return info
        } catch {
            info.reason = "cannot open \(devicePath): \(error)"
            return info
        }
        defer { close(descriptor) }

        do {
            let version = try SystemCall.retryingOnInterrupt("ioctl(KVM_GET_API_VERSION) on \(devicePath)") {
                perfv_ioctl_int(descriptor, perfv_KVM_GET_API_VERSION, 0)
            }
            info.apiVersion = version
            guard version == expectedAPIVersion else {
                info.reason = "KVM API version \(version), PerfV needs \(expectedAPIVersion)"
                return info
            }
            info.capabilities = try KVMCapability.required.map { capability in
                let value = try SystemCall.retryingOnInterrupt("ioctl(KVM_CHECK_EXTENSION, \(capability.name))") {
                    perfv_ioctl_int(descriptor, perfv_KVM_CHECK_EXTENSION, UInt(capability.number))
                }
                return KVMCapability(name: capability.name, number: capability.number, value: value)
            }
        } catch {
            info.reason = "\(error)"
            return info
        }
        info.available = true
        return info
    }

    /// KVM on an offline root: the recorded /dev/kvm probe, or what the root's
    /// /sys/module shows with the device probe marked "not measured offline".
    public static func offline(root: SystemRoot, cpuFlags: Set<String>?, recorded: KVMHostInfo?) -> KVMHostInfo {
        if let recorded { return recorded }
        let modules = KVMFlavor.loadedModules(root: root)
        let flavor = KVMFlavor.detect(loadedModules: modules)
        return KVMHostInfo(
            available: false, reason: ProbeSource.notMeasured("/dev/kvm"),
            devicePresent: false, apiVersion: nil, flavor: flavor, virtualization: flavor.virtualization,
            modules: modules.sorted(),
            hardwareVirtualizationFlag: cpuFlags.map { flags in
                flags.contains("vmx") ? "vmx" : flags.contains("svm") ? "svm" : "none"
            },
            guestPMUEnabled: guestPMUParameter(root: root), capabilities: [])
    }

    /// "permission denied" with the group that owns /dev/kvm (stat(2), getgrgid_r(3)).
    static func permissionAdvice(root: SystemRoot) -> String {
        var status = stat()
        guard stat(root.resolve(devicePath), &status) == 0 else {
            return "permission denied opening \(devicePath)"
        }
        let group = groupName(status.st_gid) ?? "gid \(status.st_gid)"
        return "permission denied opening \(devicePath) (owned by group \(group)): "
            + "add the user to group \(group) (usermod -aG \(group) $USER) and log in again"
    }

    private static func groupName(_ gid: gid_t) -> String? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getgrgid_r(gid, &entry, &buffer, buffer.count, &result) == 0, result != nil,
              let name = entry.gr_name else { return nil }
        return String(cString: name)
    }

    /// /sys/module/kvm/parameters/enable_pmu: "Y"/"N" (or "1"/"0"); nil when absent or odd.
    private static func guestPMUParameter(root: SystemRoot) -> Bool? {
        let path = "/sys/module/kvm/parameters/enable_pmu"
        guard let text = try? root.readText(path, limit: KernelText.oneValueLimit),
              let value = try? KernelText.singleLine(text, path: path) else { return nil }
        switch value {
        case "Y", "1": return true
        case "N", "0": return false
        default: return nil
        }
    }
}
