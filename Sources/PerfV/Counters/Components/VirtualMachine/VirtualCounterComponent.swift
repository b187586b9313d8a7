import CGuestABI
#if canImport(Glibc)
import Glibc
#endif

/// PerfV's own virtual counters (`vmm::<counter>`, e.g. `vmm::exits_total`), read from
/// inside a guest of PerfV's VMM: the VMM counts per vCPU (run time, exits by reason,
/// I/O bytes, host steal, exit-handling time, host perf counters of the vCPU thread)
/// and answers RDMSR of its MSR range. Values are summed over the VM's vCPUs.
///
/// Enabled only when CPUID shows PerfV's block ("PerfVPerfVVM" at a 0x400000xx00
/// base, its counter leaf giving the MSR range) with this ABI version, and the MSRs
/// can be read; otherwise disabled with the reason. Counters the VMM cannot provide
/// (bit clear in PERFV_MSR_AVAILABLE, e.g. host cycles without a PMU) are listed as
/// unavailable.
public final class VirtualCounterComponent: CumulativeCounterComponent {
    public let name = "vmm"
    public let summary = "PerfV VMM virtual counters of this VM (exits, run time, host steal), summed over vCPUs"
    public let status: ComponentStatus
    public let events: [CounterEvent]
    public let unavailableEvents: [UnavailableCounterEvent]

    private let registers: (any VirtualCounterRegisters)?
    private let msrOfEvent: [UInt32]

    /// Looks for PerfV's CPUID block and opens the MSRs of every online CPU.
    public convenience init() {
        let hypervisor = HypervisorInfo(cpuid: HardwareCPUID())
        let cpus = Array(0..<max(1, sysconf(Int32(_SC_NPROCESSORS_CONF))))
        self.init(hypervisor: hypervisor) { try MSRDeviceRegisters(cpus: cpus) }
    }

    /// - Parameters:
    ///   - hypervisor: what CPUID says about the hypervisor.
    ///   - openRegisters: opens the MSR source; called only when PerfV's block is there.
    public init(hypervisor: HypervisorInfo, openRegisters: () throws -> any VirtualCounterRegisters) {
        let probe = Probe(hypervisor: hypervisor, component: name, openRegisters: openRegisters)
        status = probe.status
        events = probe.events
        unavailableEvents = probe.unavailable
        registers = probe.registers
        msrOfEvent = probe.msrs
    }

    public func readTotals(of indices: UnsafeBufferPointer<Int>, into totals: UnsafeMutableBufferPointer<Int64>) throws {
        guard let registers else { throw CounterError.componentDisabled(event: name, component: name, reason: "\(status)") }
        for (slot, index) in indices.enumerated() {
            totals[slot] = Int64(bitPattern: try registers.totalOverVCPUs(msr: msrOfEvent[index]))
        }
    }

    /// What the CPUID block and the AVAILABLE MSR say can be counted here.
    private struct Probe {
        var status: ComponentStatus = .enabled
        var events: [CounterEvent] = []
        var unavailable: [UnavailableCounterEvent] = []
        var registers: (any VirtualCounterRegisters)?
        var msrs: [UInt32] = []

        init(hypervisor: HypervisorInfo, component: String, openRegisters: () throws -> any VirtualCounterRegisters) {
            guard let leaf = hypervisor.signatures.lazy.compactMap(\.perfvCounters).first else {
                let seen = hypervisor.signatures.map(\.signature).joined(separator: ", ")
                status = .disabled(reason: "not running under PerfV's VMM: CPUID has no \(PERFV_CPUID_SIGNATURE) block"
                    + (hypervisor.present ? " (hypervisor blocks: \(seen.isEmpty ? "none" : seen))" : " (no hypervisor)"))
                return
            }
            guard leaf.abiVersion == PERFV_ABI_VERSION else {
                status = .disabled(reason: "PerfV VMM ABI version \(leaf.abiVersion); this library reads version \(PERFV_ABI_VERSION)")
                return
            }
            guard leaf.msrCount >= 2 + UInt32(VirtualCounter.count) else {
                status = .disabled(reason: "PerfV VMM offers \(leaf.msrCount) MSRs; \(2 + VirtualCounter.count) expected")
                return
            }
            do {
                let opened = try openRegisters()
                let availableMask = try opened.totalOverVCPUs(msr: leaf.msrBase + 1)
                for counter in VirtualCounter.allCases {
                    let event = CounterEvent(component: component, name: counter.description,
                                             summary: "PerfV VMM counter \(counter.description)",
                                             unit: counter.unit, kind: .virtual)
                    if availableMask & (1 << UInt64(counter.rawValue)) != 0 {
                        events.append(event)
                        msrs.append(leaf.msrBase + 2 + UInt32(counter.rawValue))
                    } else {
                        unavailable.append(UnavailableCounterEvent(event: event, reason: "the VMM reports it unavailable on its host"))
                    }
                }
                registers = opened
            } catch {
                status = .disabled(reason: "PerfV's VMM is there but its MSRs cannot be read: \(error)"
                    + " (needs the msr module and root: modprobe msr)")
            }
        }
    }
}
