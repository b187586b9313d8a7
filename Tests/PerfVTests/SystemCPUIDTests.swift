import Testing
@testable import PerfV

@Suite("System: CPUID parsing with synthetic leaves")
struct SystemCPUIDTests {
    @Test("family/model/stepping apply the extended fields")
    func signatureDecoding() {
        // AMD Zen 5 as seen on the build machine: base family 0xF + extended 0xB.
        #expect(CPUIdentity.decode(signature: 0x00B0_0F21) == (26, 2, 1))
        // Intel Skylake-SP: family 6 takes the extended model (0x5 << 4 | 0x5).
        #expect(CPUIdentity.decode(signature: 0x0005_0654) == (6, 0x55, 4))
        // Family 5 ignores the extended model nibble.
        #expect(CPUIdentity.decode(signature: 0x0001_0543) == (5, 4, 3))
    }

    @Test("vendor and brand strings come from leaf 0 and 0x80000002-4")
    func identity() {
        var leaves = SyntheticCPUID.guestBasicLeaves()
        leaves[0x8000_0000] = CPUIDRegisters(eax: 0x8000_0004)
        let brand = Array("  Test CPU @ 2.50GHz".utf8) + Array(repeating: 0, count: 48 - 20)
        for index in 0..<3 {
            func word(_ offset: Int) -> UInt32 {
                (0..<4).reduce(0) { $0 | UInt32(brand[index * 16 + offset + $1]) << ($1 * 8) }
            }
            leaves[0x8000_0002 + UInt32(index)] = CPUIDRegisters(eax: word(0), ebx: word(4), ecx: word(8), edx: word(12))
        }
        let identity = CPUIdentity(cpuid: SyntheticCPUID(leaves: leaves))
        #expect(identity.vendor == "AuthenticAMD")
        #expect(identity.brand == "Test CPU @ 2.50GHz")
        #expect(identity.family == 26)
    }

    @Test("no brand string without extended leaves, and an echoed basic leaf is not an extended range")
    func noExtendedLeaves() {
        var leaves = SyntheticCPUID.guestBasicLeaves()
        leaves[0x8000_0000] = CPUIDRegisters(eax: 0xD)
        let identity = CPUIdentity(cpuid: SyntheticCPUID(leaves: leaves))
        #expect(identity.maxExtendedLeaf == 0)
        #expect(identity.brand == nil)
    }

    @Test("VMware at 0x40000000 and KVM at 0x40000100 are both found, VMware primary")
    func vmwarePlusKVM() throws {
        var leaves = SyntheticCPUID.guestBasicLeaves()
        leaves[0x4000_0000] = SyntheticCPUID.signatureLeaf("VMwareVMware", eax: 0x4000_0010)
        leaves[0x4000_0010] = CPUIDRegisters(eax: 2_596_000, ebx: 1_000_000)
        leaves[0x4000_0100] = SyntheticCPUID.signatureLeaf("KVMKVMKVM", eax: 0x4000_0101)
        leaves[0x4000_0101] = CPUIDRegisters(eax: (1 << 0) | (1 << 3) | (1 << 5) | (1 << 24) | (1 << 30))
        let hypervisor = HypervisorInfo(cpuid: SyntheticCPUID(leaves: leaves))

        #expect(hypervisor.present)
        #expect(hypervisor.vendor == "VMwareVMware")
        #expect(hypervisor.vendorName == "VMware")
        #expect(hypervisor.signatures.map(\.baseLeaf) == [0x4000_0000, 0x4000_0100])
        #expect(hypervisor.signatures[0].timing == HypervisorTimingLeaf(tscKilohertz: 2_596_000, apicBusKilohertz: 1_000_000))
        #expect(hypervisor.signatures[0].kvmFeatures == nil)
        let kvm = try #require(hypervisor.block(signature: "KVMKVMKVM"))
        #expect(kvm.maxLeaf == 0x4000_0101)
        #expect(kvm.kvmFeatures == ["clocksource", "clocksource2", "steal_time", "clocksource_stable", "bit30"])
    }

    @Test("KVM feature bits decode by their cpuid.rst names")
    func kvmFeatureNames() {
        // The build machine's KVM_GET_SUPPORTED_CPUID value for 0x40000001 EAX.
        #expect(KVMParavirtFeature.names(in: 0x0100_7EFB) == [
            "clocksource", "nop_io_delay", "clocksource2", "async_pf", "steal_time", "pv_eoi", "pv_unhalt",
            "pv_tlb_flush", "async_pf_vmexit", "pv_send_ipi", "poll_control", "pv_sched_yield", "async_pf_int",
            "clocksource_stable",
        ])
        #expect(KVMParavirtFeature.names(in: 0).isEmpty)
        #expect(KVMParavirtFeature.allCases.count == 18)
    }

    @Test("PerfV's own block reports its counter MSR range")
    func perfvBlock() throws {
        var leaves = SyntheticCPUID.guestBasicLeaves()
        leaves[0x4000_0000] = SyntheticCPUID.signatureLeaf("KVMKVMKVM", eax: 0x4000_0001)
        leaves[0x4000_0100] = SyntheticCPUID.signatureLeaf("PerfVPerfVVM", eax: 0x4000_0101)
        leaves[0x4000_0101] = CPUIDRegisters(eax: 0x5046_0000, ebx: 9, ecx: 1)
        let hypervisor = HypervisorInfo(cpuid: SyntheticCPUID(leaves: leaves))
        #expect(hypervisor.vendor == "KVMKVMKVM")
        let perfv = try #require(hypervisor.block(signature: HypervisorBlock.perfvSignature))
        #expect(perfv.hypervisor == "PerfV VMM")
        #expect(perfv.perfvCounters == PerfVCounterLeaf(msrBase: 0x5046_0000, msrCount: 9, abiVersion: 1))
    }

    @Test("garbage signatures, blank signatures and bad max leaves are not blocks")
    func rejectsGarbage() {
        var leaves = SyntheticCPUID.guestBasicLeaves()
        // Non-printable bytes.
        leaves[0x4000_0000] = CPUIDRegisters(eax: 0x4000_0001, ebx: 0x0102_0304, ecx: 0xFFFF_FFFF, edx: 0x8000_0000)
        // Printable, but max leaf below its base: an echo of another leaf.
        leaves[0x4000_0100] = SyntheticCPUID.signatureLeaf("KVMKVMKVM", eax: 0x4000_0001)
        // Printable, but max leaf beyond its block.
        leaves[0x4000_0200] = SyntheticCPUID.signatureLeaf("XenVMMXenVMM", eax: 0x4000_0300)
        // Only spaces.
        leaves[0x4000_0300] = SyntheticCPUID.signatureLeaf("            ", eax: 0x4000_0300)
        // NUL in the middle of text.
        leaves[0x4000_0400] = CPUIDRegisters(eax: 0x4000_0400, ebx: 0x0041_4141, ecx: 0x4141_4141, edx: 0)
        // A valid unknown signature, reported as-is.
        leaves[0x4000_FF00] = SyntheticCPUID.signatureLeaf("NewVisorABCD", eax: 0x4000_FF03)
        let hypervisor = HypervisorInfo(cpuid: SyntheticCPUID(leaves: leaves))
        #expect(hypervisor.present)
        #expect(hypervisor.signatures.map(\.signature) == ["NewVisorABCD"])
        #expect(hypervisor.signatures.first?.hypervisor == nil)
        #expect(hypervisor.signatures.first?.baseLeaf == 0x4000_FF00)
        #expect(hypervisor.vendor == "NewVisorABCD")
    }

    @Test("old KVM's max leaf 0 still means base + 1")
    func legacyKVM() throws {
        var leaves = SyntheticCPUID.guestBasicLeaves()
        leaves[0x4000_0000] = SyntheticCPUID.signatureLeaf("KVMKVMKVM", eax: 0)
        leaves[0x4000_0001] = CPUIDRegisters(eax: 1 << 5)
        let block = try #require(HypervisorInfo(cpuid: SyntheticCPUID(leaves: leaves)).signatures.first)
        #expect(block.highestLeaf == 0x4000_0001)
        #expect(block.kvmFeatures == ["steal_time"])
    }

    @Test("without CPUID.1:ECX[31] nothing is scanned, whatever the 0x4000xxxx leaves say")
    func bareMetal() {
        var leaves = SyntheticCPUID.guestBasicLeaves(hypervisorBit: false)
        leaves[0x4000_0000] = SyntheticCPUID.signatureLeaf("KVMKVMKVM", eax: 0x4000_0001)
        let hypervisor = HypervisorInfo(cpuid: SyntheticCPUID(leaves: leaves))
        #expect(!hypervisor.present)
        #expect(hypervisor.signatures.isEmpty)
        #expect(hypervisor.vendor == nil)
    }

    @Test("TSC frequency: 0x15 crystal ratio, then 0x16, then the hypervisor timing leaf")
    func tscFrequencySources() throws {
        var leaves = SyntheticCPUID.guestBasicLeaves()
        leaves[0] = CPUIDRegisters(eax: 0x16)
        leaves[0x15] = CPUIDRegisters(eax: 2, ebx: 200, ecx: 24_000_000)
        leaves[0x16] = CPUIDRegisters(eax: 2100)
        leaves[0x4000_0000] = SyntheticCPUID.signatureLeaf("KVMKVMKVM", eax: 0x4000_0010)
        leaves[0x4000_0010] = CPUIDRegisters(eax: 2_500_000)
        func frequency() -> TSCFrequency? {
            let cpuid = SyntheticCPUID(leaves: leaves)
            return TSCFrequency.fromCPUID(cpuid, hypervisor: HypervisorInfo(cpuid: cpuid))
        }
        #expect(frequency() == TSCFrequency(hertz: 2.4e9, source: .cpuidCrystalRatio, leaf: 0x15))
        leaves[0x15]?.ecx = 0  // crystal frequency not enumerated
        #expect(frequency() == TSCFrequency(hertz: 2.1e9, source: .cpuidBaseFrequency, leaf: 0x16))
        leaves[0x16] = .zero
        #expect(frequency() == TSCFrequency(hertz: 2.5e9, source: .hypervisorTimingLeaf, leaf: 0x4000_0010))
        leaves[0x4000_0010] = .zero
        #expect(frequency() == nil)
    }

    @Test("the TSC calibration measures a plausible frequency")
    func calibration() {
        let measured = TSCCalibration.measure(windowNanoseconds: 20_000_000)
        #expect(measured.source == .calibrated)
        #expect(measured.hertz > 100e6 && measured.hertz < 10e9)
        #expect((measured.calibrationNanoseconds ?? 0) >= 20_000_000)
    }

    @Test("TSC to nanoseconds needs an invariant TSC and clocksource tsc")
    func tscTrust() {
        let tsc = Clocksource(current: "tsc", available: ["tsc", "kvm-clock"])
        let kvmClock = Clocksource(current: "kvm-clock", available: ["tsc", "kvm-clock"])
        #expect(TSCInfo.unavailabilityReason(invariant: true, clocksource: .success(tsc)) == nil)
        #expect(TSCInfo.unavailabilityReason(invariant: true, clocksource: .success(kvmClock))
            == "clocksource is kvm-clock, not tsc: PerfV converts TSC ticks to ns only when the kernel keeps time with the TSC")
        #expect(TSCInfo.unavailabilityReason(invariant: false, clocksource: .success(tsc))?.hasPrefix("TSC not invariant") == true)
        let unreadable = PerfVError.malformedFile(path: Clocksource.currentPath, reason: "empty")
        #expect(TSCInfo.unavailabilityReason(invariant: true, clocksource: .failure(unreadable))?.contains("empty") == true)
    }
}
