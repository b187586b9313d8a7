import CLinux

/// A KVM capability the VMM needs, asked with KVM_CHECK_EXTENSION. The numbers are the
/// kernel's own KVM_CAP_* from <linux/kvm.h> (re-exported by CLinux), never retyped.
/// Every case is required: `KVMSystem` refuses a kernel that lacks one, and
/// `KVMSystem.probe` reports each to `perfv-report info`.
public enum KVMCapability: CaseIterable, Sendable, CustomStringConvertible {
    /// KVM_SET_USER_MEMORY_REGION: guest RAM backed by the VMM's own mapping.
    case userMemory
    /// KVM_GET_SUPPORTED_CPUID / KVM_SET_CPUID2: the guest's CPUID table.
    case extendedCPUID
    /// kvm_run.immediate_exit: a kick that lands before KVM_RUN is not lost.
    case immediateExit
    /// RDMSR/WRMSR exits to user space: the virtual counter MSRs.
    case userSpaceMSR
    /// KVM_X86_SET_MSR_FILTER: only PerfV's MSR block exits.
    case msrFilter

    /// KVM_CAP_* from <linux/kvm.h>.
    public var number: Int32 {
        switch self {
        case .userMemory: return KVM_CAP_USER_MEMORY
        case .extendedCPUID: return KVM_CAP_EXT_CPUID
        case .immediateExit: return KVM_CAP_IMMEDIATE_EXIT
        case .userSpaceMSR: return KVM_CAP_X86_USER_SPACE_MSR
        case .msrFilter: return KVM_CAP_X86_MSR_FILTER
        }
    }

    /// The constant's name in <linux/kvm.h>.
    public var name: String {
        switch self {
        case .userMemory: return "KVM_CAP_USER_MEMORY"
        case .extendedCPUID: return "KVM_CAP_EXT_CPUID"
        case .immediateExit: return "KVM_CAP_IMMEDIATE_EXIT"
        case .userSpaceMSR: return "KVM_CAP_X86_USER_SPACE_MSR"
        case .msrFilter: return "KVM_CAP_X86_MSR_FILTER"
        }
    }

    public var description: String { "\(name) (\(number))" }
}
