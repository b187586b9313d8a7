import Foundation
import Glibc
import Testing
@testable import PerfV

/// `hyperv::` with CPUID tables (the atlas's Azure node, synthetic ones) and MSR
/// sources given, and live: disabled with its reason wherever CPUID has no Hyper-V.
@Suite("Counters: the hyperv component (Hyper-V partition reference counter)")
struct ComponentHyperVTests {
    static let msr = HyperVComponent.referenceCounterMSR

    /// The CPUID table of an atlas entry.
    static func atlasCPUID(_ entry: String) throws -> HypervisorInfo {
        let path = SystemEnvironmentAtlasTests.atlasDirectory + "/\(entry)/cpuid"
        return HypervisorInfo(cpuid: try RecordedCPUID.parse(try String(contentsOfFile: path, encoding: .utf8), path: path))
    }

    /// Hyper-V's block with `privileges` in 0x40000003 EAX.
    static func hyperV(privileges: UInt32) -> HypervisorInfo {
        var leaves = SyntheticCPUID.guestBasicLeaves()
        leaves[0x4000_0000] = SyntheticCPUID.signatureLeaf("Microsoft Hv", eax: 0x4000_0005)
        leaves[0x4000_0003] = CPUIDRegisters(eax: privileges, ebx: 0, ecx: 0, edx: 0)
        return HypervisorInfo(cpuid: SyntheticCPUID(leaves: leaves))
    }

    @Test("Azure's CPUID (atlas) grants the counter: reference_time counts 100 ns ticks as ns")
    func azureCounts() throws {
        let registers = TableRegisters([Self.msr: 1_000])
        let component = HyperVComponent(hypervisor: try Self.atlasCPUID("azure-hyperv-d4s-v5")) { registers }
        #expect(component.status == .enabled)
        #expect(component.events.map(\.qualifiedName) == ["hyperv::reference_time"])
        #expect(component.events.first?.unit == .nanoseconds)
        let set = try EventSet(events: ["hyperv::reference_time"], components: ComponentRegistry([component]))
        try set.start()
        registers.values[Self.msr] = 5_000
        #expect(try set.read() == [400_000])
        try set.stop()
    }

    @Test("KVM with Hyper-V enlightenments (atlas: Linux KVM Hv) offers the same MSR")
    func kvmEnlightened() throws {
        let component = HyperVComponent(hypervisor: try Self.atlasCPUID("kvm-hyperv-enlightened")) { TableRegisters([Self.msr: 7]) }
        #expect(component.status == .enabled)
    }

    @Test("disabled with its reason: not Hyper-V, no privilege, no msr module, EACCES")
    func disabledReasons() throws {
        let kvm = HyperVComponent(hypervisor: try Self.atlasCPUID("aws-nitro-m5-large")) {
            Issue.record("opened MSRs outside Hyper-V")
            return TableRegisters([:])
        }
        #expect(kvm.status == .disabled(reason: "not Hyper-V: CPUID has no Microsoft Hv interface block (hypervisor blocks: KVMKVMKVM)"))

        let withoutPrivilege = HyperVComponent(hypervisor: Self.hyperV(privileges: 0x7F & ~0x2)) { TableRegisters([Self.msr: 1]) }
        #expect(withoutPrivilege.status == .disabled(
            reason: "Microsoft Hv does not grant AccessPartitionReferenceCounter (CPUID 0x40000003 EAX bit 1 clear)"))

        let noModule = HyperVComponent(hypervisor: Self.hyperV(privileges: 0x7F)) {
            throw PerfVError.systemCall(SystemCallError(call: "open(/dev/cpu/0/msr)", errno: ENOENT))
        }
        guard case let .disabled(moduleReason) = noModule.status else { Issue.record("enabled without msr"); return }
        #expect(moduleReason.hasPrefix("msr module not loaded") && moduleReason.contains("modprobe msr"), "\(moduleReason)")

        let denied = HyperVComponent(hypervisor: Self.hyperV(privileges: 0x7F)) {
            throw PerfVError.systemCall(SystemCallError(call: "open(/dev/cpu/0/msr)", errno: EACCES))
        }
        guard case let .disabled(deniedReason) = denied.status else { Issue.record("enabled without access"); return }
        #expect(deniedReason.hasPrefix("EACCES on /dev/cpu/0/msr"), "\(deniedReason)")

        let refused = HyperVComponent(hypervisor: Self.hyperV(privileges: 0x7F)) { TableRegisters([:]) }
        guard case let .disabled(refusedReason) = refused.status else { Issue.record("enabled without the MSR"); return }
        #expect(refusedReason.contains("refused RDMSR 0x40000020"), "\(refusedReason)")
    }

    @Test("live: enabled only where CPUID shows Hyper-V's reference counter, otherwise disabled with the reason")
    func live() {
        let hypervisor = HypervisorInfo(cpuid: HardwareCPUID())
        let component = HyperVComponent(hypervisor: hypervisor)
        print("hyperv:: live: \(component.status)")
        if hypervisor.signatures.allSatisfy({ $0.hyperVFeatures == nil }) {
            guard case let .disabled(reason) = component.status else { Issue.record("enabled without Hyper-V"); return }
            #expect(reason.hasPrefix("not Hyper-V"), "\(reason)")
        }
    }
}
