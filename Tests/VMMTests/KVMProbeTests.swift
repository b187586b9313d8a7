import Foundation
import PerfV
import SystemReport
import Testing
@testable import VMM

@Suite("KVM readiness probe")
struct KVMProbeTests {
    @Test("the probe calls KVM ready exactly when KVMSystem opens, and lists every capability the VMM checks")
    func probeAgreesWithTheVMM() {
        let probe = KVMSystem.probe()
        let opened = Result { try KVMSystem() }
        switch opened {
        case .success:
            #expect(probe.available)
            #expect(probe.reason == nil)
            #expect(probe.apiVersion == KVMSystem.apiVersion)
            #expect(probe.capabilities.map(\.name) == KVMCapability.allCases.map(\.name))
            #expect(probe.capabilities.allSatisfy { $0.supported })
        case let .failure(error):
            #expect(!probe.available)
            #expect(probe.reason == "\(error)")
        }
    }

    @Test("a missing node is unavailable with the VMM's own error text")
    func missingNode() {
        let path = "/dev/perfv-no-such-kvm"
        let probe = KVMSystem.probe(path: path)
        #expect(!probe.available)
        #expect(!probe.devicePresent)
        #expect(probe.reason == VMMError.kvmUnavailable(path: path).description)
    }

    @Test("a node that is not KVM fails KVM_GET_API_VERSION, and the sweep hears the same reason")
    func notKVM() {
        let probe = KVMSystem.probe(path: "/dev/null")
        #expect(!probe.available)
        #expect(probe.reason?.contains("KVM_GET_API_VERSION") == true)
        #expect(probe.capabilities.isEmpty)
    }

    @Test("recorded captures decode, and a capability they share with the VMM has the kernel's number")
    func recordedCapabilities() throws {
        let environments = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../data/environments").standardized.path
        let numbers = Dictionary(uniqueKeysWithValues: KVMCapability.allCases.map { ($0.name, $0.number) })
        var decoded = 0
        for entry in try FileManager.default.contentsOfDirectory(atPath: environments).sorted() {
            guard let record = try ProbeRecord.read(directory: environments + "/" + entry), let kvm = record.kvm else { continue }
            decoded += 1
            for capability in kvm.capabilities {
                guard let number = numbers[capability.name] else { continue }
                #expect(capability.number == number, "\(entry): \(capability.name)")
            }
        }
        #expect(decoded > 0)
    }

    @Test("KVM capability numbers are <linux/kvm.h>'s and their names are distinct")
    func capabilityNumbers() {
        #expect(Set(KVMCapability.allCases.map(\.number)).count == KVMCapability.allCases.count)
        #expect(KVMCapability.allCases.allSatisfy { $0.name.hasPrefix("KVM_CAP_") })
        #expect(KVMCapability.userSpaceMSR.number == 188 && KVMCapability.msrFilter.number == 189)
    }
}
