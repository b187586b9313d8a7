/// Whether this machine can run PerfV's VMM: /dev/kvm, its API version, the
/// flavor of virtualization behind it, and the capabilities the VMM needs.
/// PerfV fills the file facts (`files(root:cpuFlags:)`); the VMM's `KVMSystem.probe`
/// opens the device and fills the rest, so there is one probe and one verdict.
public struct KVMHostInfo: Sendable, Equatable, Codable {
    public static let devicePath = "/dev/kvm"

    /// /dev/kvm opened read-write, answered the stable API version and has every capability the VMM needs.
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
    public var capabilities: [KVMCapabilityStatus]

    /// What `root`'s files say about KVM: the device node, the modules under /sys/module,
    /// the CPU flag and the guest-PMU parameter. /dev/kvm is not opened here: the VMM
    /// owns that probe and the readiness verdict (`KVMSystem.probe` in VMM), and
    /// `perfv-report info` fills `available`, `apiVersion` and `capabilities` from it.
    public static func files(root: SystemRoot = .live, cpuFlags: Set<String>?) -> KVMHostInfo {
        let modules = KVMFlavor.loadedModules(root: root)
        let flavor = KVMFlavor.detect(loadedModules: modules)
        let flag = cpuFlags.map { flags in flags.contains("vmx") ? "vmx" : flags.contains("svm") ? "svm" : "none" }
        let devicePresent = root.exists(devicePath)
        let reason = devicePresent
            ? "\(devicePath) \(notProbed)"
            : modules.contains("kvm")
                ? "no \(devicePath) although the kvm module is loaded: no vendor module (kvm_intel, kvm_amd, kvm_pvm) registered it"
                : "no \(devicePath): the kvm module is not loaded (and this CPU shows \(flag ?? "unknown") as its virtualization flag)"
        return KVMHostInfo(
            available: false, reason: reason, devicePresent: devicePresent,
            apiVersion: nil, flavor: flavor, virtualization: flavor.virtualization,
            modules: modules.sorted(), hardwareVirtualizationFlag: flag,
            guestPMUEnabled: guestPMUParameter(root: root), capabilities: [])
    }

    /// The reason `files(root:cpuFlags:)` gives while the device has not been opened.
    public static let notProbed = "not opened (PerfV reads files only; the VMM's KVMSystem.probe opens it)"

    /// KVM on an offline root: the recorded /dev/kvm probe, or what the root's
    /// /sys/module shows with the device probe marked "not measured offline".
    public static func offline(root: SystemRoot, cpuFlags: Set<String>?, recorded: KVMHostInfo?) -> KVMHostInfo {
        if let recorded { return recorded }
        var info = files(root: root, cpuFlags: cpuFlags)
        info.devicePresent = false
        info.reason = ProbeSource.notMeasured(devicePath)
        return info
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
