/// VMware's pseudo-performance counters: RDPMC with these ECX values is answered by
/// the hypervisor when the VM has `monitor_control.pseudo_perfctr = TRUE` (VMware,
/// "Timekeeping in VMware Virtual Machines"); otherwise RDPMC faults.
enum VMwarePseudoCounter: UInt32, CaseIterable {
    /// The host's TSC.
    case hostTSC = 0x10000
    /// Real (wall) time elapsed, in ns.
    case realNanoseconds = 0x10001
    /// Time elapsed as the guest sees it (its virtual clock), in ns.
    case apparentNanoseconds = 0x10002

    var eventName: String {
        switch self {
        case .hostTSC: return "host_tsc"
        case .realNanoseconds: return "real_ns"
        case .apparentNanoseconds: return "apparent_ns"
        }
    }

    var unit: CounterUnit { self == .hostTSC ? .events : .nanoseconds }

    var summary: String {
        let ecx = "rdpmc 0x\(String(rawValue, radix: 16))"
        switch self {
        case .hostTSC: return "ticks of the host's TSC (\(ecx))"
        case .realNanoseconds: return "real time elapsed, ns (\(ecx))"
        case .apparentNanoseconds: return "time elapsed as the guest's virtual clock shows it, ns (\(ecx))"
        }
    }
}
