import Foundation

/// Names for `kvm_run.exit_reason` values (KVM_EXIT_* in <linux/kvm.h>) and internal-error suberrors.
/// (Decoding an exit is `VCPUExit`'s; this is only for messages and statistics keys.)
public enum KVMExitReason {
    private static let names: [UInt32: String] = [
        0: "UNKNOWN", 1: "EXCEPTION", 2: "IO", 3: "HYPERCALL", 4: "DEBUG", 5: "HLT", 6: "MMIO",
        7: "IRQ_WINDOW_OPEN", 8: "SHUTDOWN", 9: "FAIL_ENTRY", 10: "INTR", 11: "SET_TPR",
        12: "TPR_ACCESS", 16: "NMI", 17: "INTERNAL_ERROR", 24: "SYSTEM_EVENT", 26: "IOAPIC_EOI",
        27: "HYPERV", 29: "X86_RDMSR", 30: "X86_WRMSR", 31: "DIRTY_RING_FULL", 33: "X86_BUS_LOCK",
        34: "XEN", 37: "NOTIFY",
    ]

    /// "KVM_EXIT_IO" style name, or "KVM_EXIT_<n>" when unknown.
    public static func name(_ reason: UInt32) -> String {
        "KVM_EXIT_" + (names[reason] ?? String(reason))
    }

    /// The short name used as a key in exit statistics ("io", "mmio", "rdmsr", ...).
    public static func key(_ reason: UInt32) -> String {
        (names[reason] ?? "exit_\(reason)").lowercased().replacingOccurrences(of: "x86_", with: "")
    }

    /// KVM_INTERNAL_ERROR_* names.
    public static func internalErrorName(_ suberror: UInt32) -> String {
        switch suberror {
        case 1: return "KVM_INTERNAL_ERROR_EMULATION"
        case 2: return "KVM_INTERNAL_ERROR_SIMUL_EX"
        case 3: return "KVM_INTERNAL_ERROR_DELIVERY_EV"
        case 4: return "KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON"
        default: return "KVM_INTERNAL_ERROR_\(suberror)"
        }
    }
}
