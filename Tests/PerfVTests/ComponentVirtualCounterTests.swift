import PerfV
import CGuestABI
import Glibc
import Testing
@testable import PerfV

/// MSR values from a table, as PerfV's VMM would answer them.
final class TableRegisters: VirtualCounterRegisters, @unchecked Sendable {
    var values: [UInt32: UInt64]
    init(_ values: [UInt32: UInt64]) { self.values = values }
    func totalOverVCPUs(msr: UInt32) throws -> UInt64 {
        guard let value = values[msr] else { throw PerfVError.systemCall(SystemCallError(call: "pread(msr)", errno: EIO)) }
        return value
    }
}

@Suite("Counters: the vmm component (PerfV's virtual counters seen from a guest)")
struct ComponentVirtualCounterTests {
    private func perfVGuestCPUID(abiVersion: UInt32 = PERFV_ABI_VERSION) -> HypervisorInfo {
        var leaves = SyntheticCPUID.guestBasicLeaves()
        leaves[0x4000_0000] = SyntheticCPUID.signatureLeaf("KVMKVMKVM", eax: 0x4000_0001)
        leaves[0x4000_0100] = SyntheticCPUID.signatureLeaf("PerfVPerfVVM", eax: 0x4000_0101)
        leaves[0x4000_0101] = CPUIDRegisters(eax: PERFV_MSR_BASE, ebx: UInt32(2 + VirtualCounter.count), ecx: abiVersion, edx: 0)
        return HypervisorInfo(cpuid: SyntheticCPUID(leaves: leaves))
    }

    @Test("on this machine, outside PerfV's VMM, it is disabled and says so")
    func disabledOutsidePerfVsVMM() throws {
        let component = VirtualCounterComponent()
        guard case let .disabled(reason) = component.status else {
            Issue.record("enabled, but this test process does not run inside PerfV's VMM")
            return
        }
        #expect(reason.contains("PerfVPerfVVM"))
        #expect(component.events.isEmpty)
        #expect(throws: CounterError.self) {
            _ = try EventSet(events: ["vmm::exits_total"],
                             components: ComponentRegistry([component]))
        }
    }

    @Test("a wrong ABI version disables it without touching the MSRs")
    func wrongABIVersion() {
        let component = VirtualCounterComponent(hypervisor: perfVGuestCPUID(abiVersion: 99)) {
            Issue.record("opened MSRs despite the ABI mismatch")
            return TableRegisters([:])
        }
        #expect(!component.status.isEnabled)
    }

    @Test("unreadable MSRs disable it with the error")
    func unreadableRegisters() {
        let component = VirtualCounterComponent(hypervisor: perfVGuestCPUID()) {
            throw PerfVError.systemCall(SystemCallError(call: "open(/dev/cpu/0/msr)", errno: ENOENT))
        }
        guard case let .disabled(reason) = component.status else {
            Issue.record("enabled without MSRs")
            return
        }
        #expect(reason.contains("/dev/cpu/0/msr"))
    }

    @Test("available counters become events; an event set counts their deltas")
    func countsDeltas() throws {
        let exitsMSR = PERFV_MSR_BASE + 2 + UInt32(VirtualCounter.exitsTotal.rawValue)
        let runMSR = PERFV_MSR_BASE + 2 + UInt32(VirtualCounter.runNanoseconds.rawValue)
        let available = UInt64(1) << VirtualCounter.exitsTotal.rawValue | UInt64(1) << VirtualCounter.runNanoseconds.rawValue
        let registers = TableRegisters([PERFV_MSR_BASE + 1: available, exitsMSR: 100, runMSR: 5_000])
        let component = VirtualCounterComponent(hypervisor: perfVGuestCPUID()) { registers }

        #expect(component.status.isEnabled)
        #expect(component.events.map(\.name) == ["run_ns", "exits_total"])
        #expect(component.unavailableEvents.count == VirtualCounter.count - 2)

        let set = try EventSet(events: ["vmm::exits_total", "vmm::run_ns"], components: ComponentRegistry([component]))
        try set.start()
        registers.values[exitsMSR] = 142
        registers.values[runMSR] = 9_000
        #expect(try set.read() == [42, 4_000])
        try set.stop()
    }
}
