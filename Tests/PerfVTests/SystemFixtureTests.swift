import Foundation
import Testing
@testable import PerfV

@Suite("System: detection against fixture /sys trees")
struct SystemFixtureTests {
    @Test("clocksource files are read under the injected root")
    func clocksource() throws {
        let fixture = try FixtureRoot()
        try fixture.write(Clocksource.currentPath, "kvm-clock\n")
        try fixture.write(Clocksource.availablePath, "kvm-clock tsc acpi_pm \n")
        let clocksource = try Clocksource.read(root: fixture.root)
        #expect(clocksource == Clocksource(current: "kvm-clock", available: ["kvm-clock", "tsc", "acpi_pm"]))
        #expect(TSCInfo.unavailabilityReason(invariant: true, clocksource: .success(clocksource))
            == "clocksource is kvm-clock, not tsc: PerfV converts TSC ticks to ns only when the kernel keeps time with the TSC")
    }

    @Test("a missing clocksource file is a system-call error naming it")
    func missingClocksource() throws {
        let fixture = try FixtureRoot()
        #expect {
            try Clocksource.read(root: fixture.root)
        } throws: { error in
            if case let .systemCall(failure)? = error as? PerfVError {
                return failure.call.contains("current_clocksource") && failure.errno == ENOENT
            }
            return false
        }
    }

    @Test("KVM flavor from /sys/module", arguments: [
        (["kvm", "kvm_intel"], KVMFlavor.intelVTx),
        (["kvm", "kvm_amd"], KVMFlavor.amdV),
        (["kvm", "kvm_pvm"], KVMFlavor.pvm),
        (["kvm"], KVMFlavor.unknown),
        ([], KVMFlavor.unknown),
    ])
    func kvmFlavor(modules: [String], expected: KVMFlavor) throws {
        let fixture = try FixtureRoot()
        for module in modules { try fixture.makeDirectory("/sys/module/\(module)") }
        try fixture.makeDirectory("/sys/module/ext4")
        let loaded = KVMFlavor.loadedModules(root: fixture.root)
        #expect(loaded == Set(modules))
        #expect(KVMFlavor.detect(loadedModules: loaded) == expected)
    }

    @Test("flavor names say hardware or software")
    func flavorNames() {
        #expect(KVMFlavor.pvm.rawValue == "PVM (kvm_pvm)")
        #expect(KVMFlavor.pvm.virtualization == "software")
        #expect(KVMFlavor.intelVTx.rawValue == "VT-x (kvm_intel)")
        #expect(KVMFlavor.amdV.virtualization == "hardware")
    }

    @Test("no /dev/kvm: unavailable with the reason, modules and guest PMU setting still reported")
    func noDevice() throws {
        let fixture = try FixtureRoot()
        try fixture.makeDirectory("/sys/module/kvm_pvm")
        try fixture.write("/sys/module/kvm/parameters/enable_pmu", "N\n")
        let info = KVMHostInfo.files(root: fixture.root, cpuFlags: ["fpu", "hypervisor"])
        #expect(!info.available)
        #expect(!info.devicePresent)
        #expect(info.flavor == .pvm)
        #expect(info.modules == ["kvm", "kvm_pvm"])
        #expect(info.guestPMUEnabled == false)
        #expect(info.hardwareVirtualizationFlag == "none")
        #expect(info.reason?.contains("/dev/kvm") == true)
        #expect(info.capabilities.isEmpty)
    }

    @Test("a present /dev/kvm is left for the VMM to open: PerfV reads files only")
    func deviceLeftToTheVMM() throws {
        let fixture = try FixtureRoot()
        try fixture.write("/dev/kvm", "")
        let info = KVMHostInfo.files(root: fixture.root, cpuFlags: nil)
        #expect(info.devicePresent)
        #expect(!info.available)
        #expect(info.reason == "/dev/kvm \(KVMHostInfo.notProbed)")
        #expect(info.apiVersion == nil && info.capabilities.isEmpty)
    }

    @Test("topology from sysfs: sockets and cores are distinct ids among online CPUs")
    func sysfsTopology() throws {
        let fixture = try FixtureRoot()
        try fixture.write("/sys/devices/system/cpu/online", "0-3,5\n")
        // Two sockets, two cores each, SMT siblings 0/1 and 2/3; CPU 5 alone on socket 1 core 7.
        let layout: [Int: (package: Int, core: Int)] = [0: (0, 0), 1: (0, 0), 2: (0, 1), 3: (0, 1), 5: (1, 7)]
        for (cpu, place) in layout {
            try fixture.write("/sys/devices/system/cpu/cpu\(cpu)/topology/physical_package_id", "\(place.package)\n")
            try fixture.write("/sys/devices/system/cpu/cpu\(cpu)/topology/core_id", "\(place.core)\n")
        }
        let topology = try CPUTopology.fromSysfs(root: fixture.root)
        #expect(topology == CPUTopology(logicalCPUCount: 5, cores: 3, sockets: 2, source: .sysfs))
    }

    @Test("topology falls back to /proc/cpuinfo when sysfs is missing")
    func cpuinfoFallback() throws {
        let fixture = try FixtureRoot()
        let cpuinfo = """
            processor\t: 0
            physical id\t: 0
            core id\t\t: 0
            flags\t\t: fpu tsc constant_tsc nonstop_tsc hypervisor

            processor\t: 1
            physical id\t: 0
            core id\t\t: 1
            flags\t\t: fpu tsc constant_tsc nonstop_tsc hypervisor

            """
        let identity = CPUIdentity(cpuid: SyntheticCPUID(leaves: SyntheticCPUID.guestBasicLeaves()))
        let info = CPUInfo.gather(identity: identity, root: fixture.root,
                                  procCPUInfo: Result { try ProcCPUInfo.parse(cpuinfo) }.mapError { $0 as! PerfVError })
        #expect(info.topology == CPUTopology(logicalCPUCount: 2, cores: 2, sockets: 1, source: .procCPUInfo))
        #expect(info.topologyError == nil)
    }

    @Test("both topology sources failing is reported, not zero")
    func noTopology() throws {
        let fixture = try FixtureRoot()
        let identity = CPUIdentity(cpuid: SyntheticCPUID(leaves: SyntheticCPUID.guestBasicLeaves()))
        let failure = PerfVError.malformedFile(path: ProcCPUInfo.path, reason: "empty")
        let info = CPUInfo.gather(identity: identity, root: fixture.root, procCPUInfo: .failure(failure))
        #expect(info.topology == nil)
        #expect(info.topologyError?.contains("/sys/devices/system/cpu/online") == true)
        #expect(info.topologyError?.contains("empty") == true)
    }

    @Test("PMU reason in a VM without a PMU names the hypervisor and the evidence")
    func pmuReasonWithoutPMU() {
        var leaves = SyntheticCPUID.guestBasicLeaves()
        leaves[0x4000_0000] = SyntheticCPUID.signatureLeaf("KVMKVMKVM", eax: 0x4000_0001)
        let hypervisor = HypervisorInfo(cpuid: SyntheticCPUID(leaves: leaves))
        let pmu = PMUInfo(available: false, reason: nil, cpuEventSourcePresent: false, eventSources: ["software"],
                          cpuidArchPerfmonVersion: 0, cpuidGeneralCounters: 0, amdCoreCounters: nil,
                          perfEventParanoid: 2, paranoidError: nil, hardwareProbe: "", softwareEventsAvailable: true,
                          softwareProbe: "ok")
        #expect(pmu.unavailabilityReason(probeErrno: ENOENT, hypervisor: hypervisor)
            == "no PMU: the KVM hypervisor does not expose a virtual PMU to this VM "
            + "(CPUID leaf 0xA is zero, no /sys/bus/event_source/devices/cpu, perf_event_open(instructions): ENOENT)")
        #expect(pmu.unavailabilityReason(probeErrno: EACCES, hypervisor: hypervisor).hasPrefix(
            "perf_event_paranoid=2: run as root or lower it"))
    }
}
