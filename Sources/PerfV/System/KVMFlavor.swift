/// Which kind of virtualization backs /dev/kvm on this host.
public enum KVMFlavor: String, Sendable, Codable, CaseIterable {
    /// Intel VMX through the kvm_intel module.
    case intelVTx = "VT-x (kvm_intel)"
    /// AMD SVM through the kvm_amd module.
    case amdV = "AMD-V (kvm_amd)"
    /// PVM: KVM without hardware extensions (shadow paging, guest kernel
    /// deprivileged), the kvm_pvm module. Guest ring-0 code is emulated here.
    case pvm = "PVM (kvm_pvm)"
    /// /dev/kvm exists but none of the modules above is loaded.
    case unknown = "unknown"

    /// "hardware", "software" or "unknown".
    public var virtualization: String {
        switch self {
        case .intelVTx, .amdV: return "hardware"
        case .pvm: return "software"
        case .unknown: return "unknown"
        }
    }

    /// The module that provides each flavor.
    public var module: String? {
        switch self {
        case .intelVTx: return "kvm_intel"
        case .amdV: return "kvm_amd"
        case .pvm: return "kvm_pvm"
        case .unknown: return nil
        }
    }

    /// The flavor from the loaded modules (/sys/module/<name> exists for loaded
    /// and built-in modules alike; this system has no /proc/modules). When
    /// several vendor modules show up, hardware ones win, since KVM binds one
    /// vendor module at a time and a hardware one is only loadable with VMX/SVM.
    public static func detect(loadedModules: Set<String>) -> KVMFlavor {
        for flavor in [KVMFlavor.intelVTx, .amdV, .pvm] where loadedModules.contains(flavor.module!) {
            return flavor
        }
        return .unknown
    }

    /// The KVM modules of `root`'s /sys/module that PerfV knows.
    public static func loadedModules(root: SystemRoot) -> Set<String> {
        Set(["kvm", "kvm_intel", "kvm_amd", "kvm_pvm"].filter { root.exists("/sys/module/\($0)") })
    }
}
