import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// Hyper-V's partition reference counter (`hyperv::reference_time`): MSR 0x40000020,
/// HV_X64_MSR_TIME_REF_COUNT, the partition's reference time since it was created in
/// 100 ns units (Hyper-V TLFS, "Partition Reference Counter"), read through the msr
/// driver and given in ns.
///
/// Enabled only when CPUID shows a Hyper-V interface block ("Microsoft Hv", or KVM's
/// "Linux KVM Hv" with hv-time) granting AccessPartitionReferenceCounter (0x40000003
/// EAX bit 1), and /dev/cpu/0/msr can be read (the msr module, root). A read is one
/// pread(2) of the kept-open device: an RDMSR the hypervisor answers.
public final class HyperVComponent: CumulativeCounterComponent {
    public let name = "hyperv"
    public let summary = "Hyper-V partition reference counter (MSR 0x40000020, 100 ns units) in ns, through /dev/cpu/0/msr"
    public let status: ComponentStatus
    public let events: [CounterEvent]

    /// HV_X64_MSR_TIME_REF_COUNT.
    public static let referenceCounterMSR: UInt32 = 0x4000_0020
    /// The counter's unit, in ns.
    static let nanosecondsPerTick: Int64 = 100
    /// AccessPartitionReferenceCounter in HyperVFeatures.privilegeNames.
    static let privilege = "AccessPartitionReferenceCounter"

    private let registers: (any VirtualCounterRegisters)?

    /// Reads CPUID and, under Hyper-V, opens /dev/cpu/0/msr.
    public convenience init() {
        self.init(hypervisor: HypervisorInfo(cpuid: HardwareCPUID()))
    }

    /// Opens /dev/cpu/0/msr only when `hypervisor` grants the reference counter.
    public convenience init(hypervisor: HypervisorInfo) {
        self.init(hypervisor: hypervisor) { try MSRDeviceRegisters(cpus: [0]) }
    }

    /// - Parameter openRegisters: opens the MSR source; called only when CPUID grants the counter.
    public init(hypervisor: HypervisorInfo, openRegisters: () throws -> any VirtualCounterRegisters) {
        guard let block = hypervisor.signatures.first(where: { $0.hyperVFeatures != nil }),
              let features = block.hyperVFeatures else {
            let seen = hypervisor.signatures.map(\.signature).joined(separator: ", ")
            status = .disabled(reason: "not Hyper-V: CPUID has no Microsoft Hv interface block"
                + (hypervisor.present ? " (hypervisor blocks: \(seen.isEmpty ? "none" : seen))" : " (no hypervisor)"))
            events = []
            registers = nil
            return
        }
        guard features.privileges.contains(Self.privilege) else {
            status = .disabled(reason: "\(block.signature) does not grant \(Self.privilege) "
                + "(CPUID 0x\(String(block.baseLeaf + 3, radix: 16)) EAX bit 1 clear)")
            events = []
            registers = nil
            return
        }
        do {
            let opened = try openRegisters()
            _ = try opened.totalOverVCPUs(msr: Self.referenceCounterMSR)
            registers = opened
            status = .enabled
            events = [CounterEvent(component: "hyperv", name: "reference_time",
                                   summary: "partition reference time, ns (MSR 0x40000020 × 100 ns)",
                                   unit: .nanoseconds, kind: .virtual)]
        } catch {
            registers = nil
            events = []
            status = .disabled(reason: Self.reason(unreadable: error))
        }
    }

    /// Why the MSR cannot be read, with what to do about it.
    static func reason(unreadable error: any Error) -> String {
        guard case let .systemCall(call)? = error as? PerfVError else { return "\(error)" }
        switch call.errno {
        case ENOENT, ENXIO, ENODEV:
            return "msr module not loaded: \(call) (modprobe msr)"
        case EACCES, EPERM:
            return "\(ErrnoName.name(of: call.errno)) on /dev/cpu/0/msr: reading MSRs needs root (CAP_SYS_RAWIO): \(call)"
        case EIO:
            return "the hypervisor refused RDMSR 0x40000020: \(call)"
        default:
            return "\(call)"
        }
    }

    public func readTotals(of indices: UnsafeBufferPointer<Int>, into totals: UnsafeMutableBufferPointer<Int64>) throws {
        guard let registers else { throw CounterError.componentDisabled(event: name, component: name, reason: "\(status)") }
        let ticks = Int64(bitPattern: try registers.totalOverVCPUs(msr: Self.referenceCounterMSR))
        for slot in indices.indices { totals[slot] = ticks &* Self.nanosecondsPerTick }
    }
}
