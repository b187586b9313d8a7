import Foundation
import Testing
@testable import PerfV
import SystemReport

@Suite("System: this machine", .serialized)
struct SystemInfoTests {
    /// One gathering shared by the tests (the clock survey and calibration take a moment).
    static let info = SystemInfo.gather()

    @Test("CPUID's hypervisor verdict and vendor agree with PAPI_get_hardware_info()")
    func hypervisorAgreesWithPAPI() throws {
        let papi = try PAPILibrary.shared().hardwareInfo
        let hypervisor = HypervisorInfo(cpuid: HardwareCPUID())
        #expect(hypervisor.present == papi.virtualized)
        if papi.virtualized {
            #expect(hypervisor.vendor == papi.vmVendor)
        } else {
            #expect(hypervisor.signatures.isEmpty || papi.vmVendor.isEmpty)
        }
    }

    @Test("CPUID identity agrees with PAPI's family/model/stepping and vendor")
    func identityAgreesWithPAPI() throws {
        let papi = try PAPILibrary.shared().hardwareInfo
        let identity = CPUIdentity(cpuid: HardwareCPUID())
        #expect(identity.vendor == papi.cpuVendor)
        #expect(identity.family == papi.cpuidFamily)
        #expect(identity.model == papi.cpuidModel)
        #expect(identity.stepping == papi.cpuidStepping)
    }

    @Test("topology agrees with PAPI's CPU count")
    func topologyAgreesWithPAPI() throws {
        let papi = try PAPILibrary.shared().hardwareInfo
        let topology = try #require(SystemInfoTests.info.cpu.topology)
        #expect(topology.logicalCPUCount == papi.totalCPUCount)
        #expect(topology.sockets == papi.sockets)
    }

    @Test("no PMU always comes with a reason")
    func pmuReason() {
        let pmu = SystemInfoTests.info.pmu
        if !pmu.available {
            #expect(pmu.reason?.isEmpty == false)
        } else {
            #expect(pmu.reason == nil)
        }
        #expect(pmu.softwareEventsAvailable == (pmu.softwareProbe == "ok"))
    }

    @Test("PerfV alone never calls KVM ready: the VMM's probe decides, so the reason says so")
    func kvmReason() {
        let kvm = SystemInfoTests.info.kvm
        #expect(!kvm.available)
        #expect(kvm.reason?.isEmpty == false)
        #expect(kvm.capabilities.isEmpty)
    }

    @Test("TSC to nanoseconds follows the invariant bit and the clocksource")
    func tscVerdict() {
        let info = SystemInfoTests.info
        #expect(info.tsc.tscToNanosecondsAvailable == (info.tsc.invariant && info.clocksource.current == "tsc"))
        #expect(info.tsc.tscToNanosecondsAvailable == (info.tsc.reason == nil))
        #expect((info.tsc.frequency?.hertz ?? 0) > 100e6, "live detection always knows the frequency")
    }

    @Test("libnuma that cannot be opened is a typed error naming the file, not a crash")
    func numaLibraryMissing() {
        do {
            _ = try NUMALibrary(path: "libnuma-does-not-exist.so.9")
            Issue.record("a library that does not exist was opened")
        } catch {
            guard case .notLoaded = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("libnuma-does-not-exist.so.9"))
        }
    }

    @Test("NUMA nodes cover the online CPUs")
    func numa() throws {
        let info = SystemInfoTests.info
        guard info.numa.available else {
            #expect(info.numa.reason?.isEmpty == false)
            return
        }
        let topology = try #require(info.cpu.topology)
        #expect(info.numa.nodes.flatMap(\.cpus).count == topology.logicalCPUCount)
        #expect(info.numa.distances.count == info.numa.nodes.count)
        for (index, row) in info.numa.distances.enumerated() {
            #expect(row[index] == 10, "local distance is 10 in SLIT units")
        }
    }

    @Test("steal is read from /proc/stat")
    func steal() {
        let steal = SystemInfoTests.info.steal
        #expect(steal.error == nil)
        #expect((steal.totalNs ?? -1) >= 0)
    }

    @Test("the info JSON has every documented key")
    func jsonKeys() throws {
        let data = try SystemInfoTests.info.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let required = [
            "hypervisor.present", "hypervisor.vendor", "hypervisor.signatures",
            "pmu.available", "pmu.reason",
            "kvm.available", "kvm.flavor", "kvm.capabilities",
            "clocksource.current", "clocks",
            "steal.total_ns",
            "numa.nodes", "numa.distances",
            "papi.version", "papi.virtualized", "papi.vm_vendor", "papi.components",
            "cpu.vendor", "cpu.family", "cpu.model", "cpu.stepping",
            "tsc.invariant", "tsc.frequency.hertz", "tsc.frequency.source", "tsc.tsc_to_nanoseconds_available",
        ]
        for path in required {
            var node: Any? = object
            for key in path.split(separator: ".") {
                node = (node as? [String: Any])?[String(key)]
            }
            #expect(node != nil, "missing key \(path)")
        }
        let clocks = try #require(object["clocks"] as? [[String: Any]])
        #expect(!clocks.isEmpty)
        for clock in clocks {
            #expect(clock["name"] is String)
            #expect(clock.keys.contains("resolution_ns"))
            #expect(clock["read_cost_ns"] is Double || clock["read_cost_ns"] is Int)
        }
    }

    @Test("the info JSON decodes back to the same value")
    func jsonRoundTrip() throws {
        let data = try SystemInfoTests.info.jsonData(prettyPrinted: false)
        let decoded = try SystemInfo.makeJSONDecoder().decode(SystemInfo.self, from: data)
        #expect(decoded == SystemInfoTests.info)
    }
}
