import CLinux
import SystemCalls

/// VMware's pseudo-performance counters (`vmware::host_tsc`, `vmware::real_ns`,
/// `vmware::apparent_ns`), like PAPI's vmware component: RDPMC with ECX 0x10000,
/// 0x10001, 0x10002, answered by the hypervisor. Apparent time is the guest's virtual
/// time, which can fall behind real time while the VM is not running (VMware,
/// "Timekeeping in VMware Virtual Machines").
///
/// Enabled only when CPUID shows VMware's "VMwareVMware" block and a probe shows RDPMC
/// works. With `monitor_control.pseudo_perfctr` off (the default) RDPMC raises #GP, a
/// SIGSEGV that would kill the process, so the probe runs it in a forked child
/// (``RDPMCProbe``). A read is one RDPMC per event: no system call.
public final class VMwareComponent: CumulativeCounterComponent {
    public let name = "vmware"
    public let summary = "VMware pseudo-performance counters through rdpmc: host TSC, real and apparent elapsed ns "
        + "(needs monitor_control.pseudo_perfctr = TRUE in the VM's configuration)"
    public let status: ComponentStatus
    public let events: [CounterEvent]

    private let readCounter: @Sendable (UInt32) -> UInt64
    private let counters = VMwarePseudoCounter.allCases.map(\.rawValue)

    /// Reads CPUID and, under VMware, probes RDPMC in a child.
    public convenience init() {
        self.init(hypervisor: HypervisorInfo(cpuid: HardwareCPUID()))
    }

    /// Probes RDPMC in a child only when `hypervisor` shows VMware's block.
    public convenience init(hypervisor: HypervisorInfo) {
        self.init(hypervisor: hypervisor, probe: VMwareComponent.probePseudoCounters, readCounter: { perfv_rdpmc($0) })
    }

    /// - Parameters:
    ///   - probe: runs the counters' RDPMC where a fault is harmless; called only under VMware.
    ///   - readCounter: RDPMC of an ECX value, once the probe said it works.
    init(hypervisor: HypervisorInfo, probe: () -> Result<RDPMCProbe.Outcome, SystemCallError>,
         readCounter: @escaping @Sendable (UInt32) -> UInt64) {
        self.readCounter = readCounter
        guard hypervisor.block(signature: "VMwareVMware") != nil else {
            let seen = hypervisor.signatures.map(\.signature).joined(separator: ", ")
            status = .disabled(reason: "not VMware: CPUID has no VMwareVMware block"
                + (hypervisor.present ? " (hypervisor blocks: \(seen.isEmpty ? "none" : seen))" : " (no hypervisor)"))
            events = []
            return
        }
        switch probe() {
        case .success(.completed):
            status = .enabled
            events = VMwarePseudoCounter.allCases.map {
                CounterEvent(component: "vmware", name: $0.eventName, summary: $0.summary, unit: $0.unit, kind: .virtual)
            }
        case let .success(outcome):
            status = .disabled(reason: "VMware, but \(outcome): pseudo-performance counters are off "
                + "(set monitor_control.pseudo_perfctr = \"TRUE\" in the VM's .vmx)")
            events = []
        case let .failure(error):
            status = .disabled(reason: "VMware, but the rdpmc probe could not run: \(error)")
            events = []
        }
    }

    /// Runs RDPMC 0x10000–0x10002 in a forked child, whatever the hypervisor: what the
    /// component does under VMware, exposed so tests can show a fault leaves the process alive.
    static func probePseudoCounters() -> Result<RDPMCProbe.Outcome, SystemCallError> {
        Result { () throws(SystemCallError) in try RDPMCProbe.run(counters: VMwarePseudoCounter.allCases.map(\.rawValue)) }
    }

    public func readTotals(of indices: UnsafeBufferPointer<Int>, into totals: UnsafeMutableBufferPointer<Int64>) throws {
        guard status.isEnabled else { throw CounterError.componentDisabled(event: name, component: name, reason: "\(status)") }
        for (slot, index) in indices.enumerated() {
            totals[slot] = Int64(bitPattern: readCounter(counters[index]))
        }
    }
}
