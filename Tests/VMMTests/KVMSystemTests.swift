import CGuestABI
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import VMM

@Suite("KVM system")
struct KVMSystemTests {
    @Test("opening /dev/kvm checks the API version and capabilities, or says why it cannot")
    func openDevice() throws {
        guard TestMachines.kvmPresent else {
            #expect(throws: VMMError.self) { try KVMSystem() }
            return
        }
        let system = try KVMSystem()
        for capability in KVMCapability.allCases {
            #expect(try system.check(capability) > 0, "\(capability)")
        }
        #expect(try system.vcpuMapSize() >= 4096)
    }

    @Test("a missing device node is a typed error naming the path")
    func missingDevice() {
        do {
            _ = try KVMSystem(path: "/dev/perfv-no-such-kvm")
            Issue.record("opened a device that does not exist")
        } catch let VMMError.kvmUnavailable(path) {
            #expect(path == "/dev/perfv-no-such-kvm")
        } catch {
            Issue.record("wrong error \(error)")
        }
    }

    @Test("a file that is not KVM fails at KVM_GET_API_VERSION with its errno")
    func notKVM() {
        do {
            _ = try KVMSystem(path: "/dev/null")
            Issue.record("/dev/null accepted as KVM")
        } catch let VMMError.systemCall(failure) {
            #expect(failure.call == "KVM_GET_API_VERSION")
            #expect(failure.errno == ENOTTY)
        } catch {
            Issue.record("wrong error \(error)")
        }
    }

    @Test("supported CPUID has KVM's signature leaf, and the guest table adds PerfV's block")
    func cpuidTable() throws {
        guard TestMachines.kvmPresent else { return }
        let supported = try KVMSystem().supportedCPUID()
        let kvmLeaf = try #require(supported.first { $0.function == GuestCPUID.kvmSignatureLeaf })
        #expect(kvmLeaf.ebx == 0x4B4D_564B) // "KVMK"
        let table = GuestCPUID.entries(supported: supported, vcpu: 3)
        let features = try #require(table.first { $0.function == GuestCPUID.kvmFeaturesLeaf })
        #expect(features.eax & GuestCPUID.stealTimeBit != 0)
        #expect(features.eax & GuestCPUID.clocksource2Bit != 0)
        #expect(try #require(table.first { $0.function == GuestCPUID.kvmSignatureLeaf }).eax >= GuestCPUID.kvmFeaturesLeaf)
        let base = try #require(table.first { $0.function == PERFV_CPUID_BASE })
        #expect(base.eax == PERFV_CPUID_COUNTERS)
        let signature = [base.ebx, base.ecx, base.edx].flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        #expect(String(decoding: signature, as: UTF8.self) == "PerfVPerfVVM")
        let counters = try #require(table.first { $0.function == PERFV_CPUID_COUNTERS })
        #expect(counters.eax == PERFV_MSR_BASE)
        #expect(counters.ebx == GuestLayout.msrCount)
        #expect(counters.ecx == PERFV_ABI_VERSION)
        let leaf1 = try #require(table.first { $0.function == 1 })
        #expect(leaf1.ebx >> 24 == 3)
    }
}
