import Glibc
import SystemCalls
import Testing
@testable import PerfV

/// `vmware::` with CPUID tables and probe outcomes given, and its RDPMC probe run
/// for real on this machine: a fault must kill only the forked child.
@Suite("Counters: the vmware component (VMware pseudo-performance counters)")
struct ComponentVMwareTests {
    static func cpuid(_ signature: String) -> HypervisorInfo {
        var leaves = SyntheticCPUID.guestBasicLeaves()
        leaves[0x4000_0000] = SyntheticCPUID.signatureLeaf(signature, eax: 0x4000_0010)
        return HypervisorInfo(cpuid: SyntheticCPUID(leaves: leaves))
    }

    @Test("not VMware: disabled with the blocks seen, and the probe never runs")
    func notVMware() {
        let component = VMwareComponent(hypervisor: Self.cpuid("KVMKVMKVM"), probe: {
            Issue.record("probed rdpmc outside VMware")
            return .success(.completed)
        }, readCounter: { _ in 0 })
        #expect(component.status == .disabled(reason: "not VMware: CPUID has no VMwareVMware block (hypervisor blocks: KVMKVMKVM)"))
        #expect(component.events.isEmpty)
        let bare = VMwareComponent(hypervisor: HypervisorInfo(cpuid: SyntheticCPUID(leaves: SyntheticCPUID.guestBasicLeaves(hypervisorBit: false))),
                                   probe: { .success(.completed) }, readCounter: { _ in 0 })
        #expect(bare.status == .disabled(reason: "not VMware: CPUID has no VMwareVMware block (no hypervisor)"))
    }

    @Test("VMware with pseudo_perfctr off: the probe's fault disables it with the setting to change")
    func probeFaults() {
        let component = VMwareComponent(hypervisor: Self.cpuid("VMwareVMware"), probe: { .success(.killed(signal: SIGSEGV)) },
                                        readCounter: { _ in 0 })
        guard case let .disabled(reason) = component.status else { Issue.record("enabled after a fault"); return }
        #expect(reason.contains("rdpmc faulted") && reason.contains("monitor_control.pseudo_perfctr"), "\(reason)")
        let failed = VMwareComponent(hypervisor: Self.cpuid("VMwareVMware"),
                                     probe: { .failure(SystemCallError(call: "fork", errno: EAGAIN)) }, readCounter: { _ in 0 })
        #expect(failed.status == .disabled(reason: "VMware, but the rdpmc probe could not run: fork failed: "
            + "Resource temporarily unavailable (EAGAIN, errno 11)"))
    }

    @Test("VMware with a working probe: three events, read by rdpmc index, counted as deltas")
    func enabledCounts() throws {
        final class Counters: @unchecked Sendable { var values: [UInt32: UInt64] = [0x10000: 1_000, 0x10001: 50, 0x10002: 40] }
        let counters = Counters()
        let component = VMwareComponent(hypervisor: Self.cpuid("VMwareVMware"), probe: { .success(.completed) },
                                        readCounter: { counters.values[$0] ?? 0 })
        #expect(component.status == .enabled)
        #expect(component.events.map(\.name) == ["host_tsc", "real_ns", "apparent_ns"])
        #expect(component.events.map(\.unit) == [.events, .nanoseconds, .nanoseconds])
        let set = try EventSet(events: ["vmware::real_ns", "vmware::apparent_ns", "vmware::host_tsc"],
                               components: ComponentRegistry([component]))
        try set.start()
        counters.values = [0x10000: 4_000, 0x10001: 1_050, 0x10002: 740]
        #expect(try set.read() == [1_000, 700, 3_000])
        try set.stop()
    }

    @Test("live: the rdpmc probe of 0x10000-0x10002 reports an outcome on this machine and the process lives on")
    func liveProbeIsSafe() throws {
        let outcome = try VMwareComponent.probePseudoCounters().get()
        print("vmware:: probe here (\(HypervisorInfo(cpuid: HardwareCPUID()).vendor ?? "no hypervisor")): \(outcome)")
        #expect(outcome == .completed || outcome == .killed(signal: SIGSEGV), "\(outcome)")
        // Again, to show the first fault left nothing behind.
        #expect(try VMwareComponent.probePseudoCounters().get() == outcome)
    }

    @Test("live: rdpmc of an index no processor has faults (#GP), killing only the child")
    func invalidIndexFaults() throws {
        // Intel SDM vol. 2B, RDPMC: an ECX that names no counter raises #GP(0), whatever CR4.PCE.
        let outcome = try RDPMCProbe.run(counters: [0x7FFF_FFFF])
        #expect(outcome == .killed(signal: SIGSEGV), "\(outcome)")
        #expect(outcome.description.hasPrefix("rdpmc faulted"), "\(outcome.description)")
    }
}
