import CGuestABI
import CLinux
import PerfV
import Testing
@testable import VMM

@Suite("Hypervisor personalities")
struct PersonalityTests {
    /// A KVM-like supported table built from KVM's documented layout (cpuid.rst): basic leaves 0
    /// and 1 and the "KVMKVMKVM" block. Lets the table tests run without /dev/kvm.
    static let documentedKVMTable: [kvm_cpuid_entry2] = {
        let kvm = HypervisorPersonality.signatureWords("KVMKVMKVM")
        return [
            GuestCPUID.entry(0, eax: 0xD, ebx: 0x756E_6547, ecx: 0x6C65_746E, edx: 0x4965_6E69),
            GuestCPUID.entry(1, eax: 0x000C_06F2, ebx: 0, ecx: 0x77F8_3203, edx: 0x1F8B_FBFF),
            GuestCPUID.entry(GuestCPUID.kvmSignatureLeaf, eax: GuestCPUID.kvmFeaturesLeaf, ebx: kvm.0, ecx: kvm.1, edx: kvm.2),
            GuestCPUID.entry(GuestCPUID.kvmFeaturesLeaf, eax: 0x0100_7EFB, ebx: 0, ecx: 0, edx: 0),
        ]
    }()

    static let timing = GuestTiming(tscKilohertz: 2_100_000)

    static func recorded(_ personality: HypervisorPersonality) -> RecordedCPUID {
        let table = personality.cpuid(GuestCPUID.entries(supported: documentedKVMTable, vcpu: 0), timing: timing)
        var leaves: [RecordedCPUID.Key: CPUIDRegisters] = [:]
        for entry in table {
            leaves[RecordedCPUID.Key(leaf: entry.function, subleaf: entry.index)] =
                CPUIDRegisters(eax: entry.eax, ebx: entry.ebx, ecx: entry.ecx, edx: entry.edx)
        }
        return RecordedCPUID(leaves: leaves)
    }

    @Test("each personality's CPUID table is detected by PerfV as that hypervisor", arguments: HypervisorPersonality.allCases)
    func tableDetection(personality: HypervisorPersonality) {
        let detected = HypervisorInfo(cpuid: Self.recorded(personality))
        #expect(detected.present == (personality != .none))
        #expect(detected.vendorName == personality.detectedVendorName)
    }

    @Test("kvm keeps today's table; none leaves no hypervisor bit and no 0x4000xxxx leaf")
    func kvmAndNoneTables() {
        let kvmTable = GuestCPUID.entries(supported: Self.documentedKVMTable, vcpu: 0)
        let unchanged = HypervisorPersonality.kvm.cpuid(kvmTable, timing: nil)
        #expect(unchanged.map(\.function) == kvmTable.map(\.function))
        #expect(zip(unchanged, kvmTable).allSatisfy { $0.eax == $1.eax && $0.ebx == $1.ebx && $0.ecx == $1.ecx && $0.edx == $1.edx })
        let bare = HypervisorPersonality.none.cpuid(kvmTable, timing: nil)
        #expect(bare.allSatisfy { $0.function & 0xFFFF_0000 != 0x4000_0000 })
        #expect(bare.first { $0.function == 1 }.map { $0.ecx & 1 << 31 } == 0)
    }

    @Test("hyperv advertises exactly the MSRs it implements, in a block reaching 0x40000005")
    func hyperVTable() throws {
        let cpuid = Self.recorded(.hyperv)
        #expect(cpuid.query(leaf: 0x4000_0000).eax >= 0x4000_0005)
        #expect(cpuid.query(leaf: 0x4000_0001).eax == 0x3123_7648) // "Hv#1"
        let features = try #require(HypervisorInfo(cpuid: cpuid).signatures.first?.hyperVFeatures)
        #expect(features.privileges == ["AccessVpRunTimeReg", "AccessPartitionReferenceCounter"])
        #expect(HypervisorInfo(cpuid: cpuid).block(signature: "KVMKVMKVM") == nil)
        #expect(HypervisorInfo(cpuid: cpuid).block(signature: HypervisorBlock.perfvSignature) != nil)
    }

    @Test("vmware's timing leaf carries the TSC and bus frequencies")
    func vmwareTable() throws {
        let block = try #require(HypervisorInfo(cpuid: Self.recorded(.vmware)).signatures.first)
        #expect(block.maxLeaf == 0x4000_0010)
        #expect(block.timing?.tscKilohertz == 2_100_000)
        #expect(block.timing?.apicBusKilohertz == 1_000_000)
        // Without a known TSC rate the VMM presents no block rather than made-up numbers.
        #expect(HypervisorPersonality.vmware.cpuid(Self.documentedKVMTable, timing: nil)
            .allSatisfy { $0.function & 0xFFFF_FF00 != 0x4000_0000 })
    }

    @Test("an unknown personality name is a typed error naming the choices")
    func unknownName() throws {
        #expect(try HypervisorPersonality(name: "vmware") == .vmware)
        do {
            _ = try HypervisorPersonality(name: "xen")
            Issue.record("xen was accepted")
        } catch let VMMError.invalidConfiguration(message) {
            #expect(message.contains("\"xen\"") && message.contains("kvm, hyperv, vmware, none"))
        }
    }

    @Test("Hyper-V MSRs: 100 ns units, GUEST_OS_ID stored, everything else #GP")
    func syntheticMSRs() {
        let start = Clock.monotonicRaw.nanoseconds()
        let partition = HyperVPartition(startNanoseconds: start)
        let msrs = HyperVSyntheticMSRs(partition: partition)
        // VP_RUNTIME counts this thread's CPU time from the attach: bounded by the same clock
        // read around it (CLOCK_MONOTONIC_RAW, a different clock, is no bound at 100 ns).
        let cpuBefore = Clock.threadCPUTime.nanoseconds()
        msrs.attachToCurrentThread()
        var sink = 0.0
        for index in 0..<2_000_000 { sink += Double(index).squareRoot() }
        let reference = msrs.read(PERFV_HV_MSR_TIME_REF_COUNT) ?? 0
        let elapsed = Clock.monotonicRaw.nanoseconds() - start
        #expect(reference > 0 && reference <= UInt64(elapsed) / 100, "\(reference) × 100 ns vs \(elapsed) ns (sink \(sink))")
        let runtime = msrs.read(PERFV_HV_MSR_VP_RUNTIME) ?? 0
        let cpuAfter = Clock.threadCPUTime.nanoseconds()
        #expect(runtime > 0 && runtime <= UInt64(cpuAfter - cpuBefore) / 100 + 1,
                "VP_RUNTIME \(runtime) × 100 ns vs \(cpuAfter - cpuBefore) ns of the thread's CPU time")
        #expect(msrs.read(PERFV_HV_MSR_GUEST_OS_ID) == 0)
        #expect(msrs.write(PERFV_HV_MSR_GUEST_OS_ID, 0x8000_0000_1234_5678))
        #expect(msrs.read(PERFV_HV_MSR_GUEST_OS_ID) == 0x8000_0000_1234_5678)
        // GUEST_OS_ID is partition-wide (TLFS): another vCPU of the partition reads it too.
        #expect(HyperVSyntheticMSRs(partition: partition).read(PERFV_HV_MSR_GUEST_OS_ID) == 0x8000_0000_1234_5678)
        #expect(!msrs.write(PERFV_HV_MSR_TIME_REF_COUNT, 0))
        #expect(!msrs.write(PERFV_HV_MSR_VP_RUNTIME, 0))
        #expect(msrs.read(PERFV_HV_MSR_HYPERCALL) == nil)
    }

    static func run(_ personality: HypervisorPersonality) throws -> (RunResult, PersonalityReport)? {
        var configuration = MachineConfiguration(workload: .personality(personality, spinMilliseconds: 20))
        configuration.memoryBytes = 32 << 20
        configuration.timeoutSeconds = 60
        configuration.personality = personality
        guard let result = try TestMachines.run(configuration) else {
            try Test.cancel("\(KVMSystem.defaultPath) is absent, so no guest runs (the typed error was checked)")
        }
        return (result, PersonalityReport(result, personality: personality))
    }

    @Test("the guest's CPUID table is detected as its personality, and absent sources fault or float",
          arguments: HypervisorPersonality.allCases)
    func guestSeesItsPersonality(personality: HypervisorPersonality) throws {
        guard let (result, report) = try Self.run(personality) else { return }
        #expect(result.reports[0].exitStatus == UInt64(PERFV_EXIT_OK.rawValue))
        #expect(report.detected.present == (personality != .none))
        #expect(report.detected.vendorName == personality.detectedVendorName)
        #expect(report.kvmclock.count == 4)
        if personality != .hyperv {
            #expect(report.faultedMSRAccesses == PersonalityReport.probedMSRAccesses)
            #expect(report.timeReferenceCount == nil && report.vpRuntime == nil && report.guestOSID == nil)
        }
        if personality != .vmware {
            #expect(report.backdoorVersion.first == UInt32.max)
        }
        for check in report.checks { #expect(check.passed, "\(check.name): \(check.detail)") }
    }

    @Test("hyperv: TIME_REF_COUNT follows kvmclock, VP_RUNTIME is the vCPU thread's CPU time, GUEST_OS_ID round-trips, unknown MSRs #GP")
    func hyperVTimeSources() throws {
        guard let (result, report) = try Self.run(.hyperv) else { return }
        let k = report.kvmclock
        try #require(k.count == 4)
        let reference = try #require(report.timeReferenceCount)
        // Each read lies between its two kvmclock reads, so the count's advance lies between
        // the inner and outer kvmclock intervals, give or take the truncation and rate slack.
        let advanced = (reference.second - reference.first) * 100
        let slack = PersonalityReport.referenceCountSlack(intervalNanoseconds: k[3] - k[0])
        #expect(advanced + slack >= k[2] - k[1], "\(advanced) ns < inner \(k[2] - k[1]) ns")
        #expect(advanced <= k[3] - k[0] + slack, "\(advanced) ns > outer \(k[3] - k[0]) ns")

        let runtime = try #require(report.vpRuntime)
        #expect(runtime.first > 0)
        #expect(runtime.second > runtime.first)
        #expect((runtime.second - runtime.first) * 100 <= k[3] - k[0] + slack) // one thread's CPU time ≤ wall
        if let taskClock = result.counters[0][.hostTaskClockNanoseconds] {
            #expect(runtime.second * 100 <= taskClock, "VP_RUNTIME \(runtime.second * 100) ns > host task-clock \(taskClock) ns")
        } else {
            print("skipped the task-clock bound: \(result.counters[0].availableMask) has no perf_event task-clock here")
        }
        #expect(report.guestOSID == PERFV_GUEST_OS_ID_VALUE)
        // HYPERCALL (not implemented) and a write to the read-only TIME_REF_COUNT: #GP in the
        // guest, recovered by its supervisor, and the VM ran on to a clean exit.
        #expect(report.faultedMSRAccesses == PersonalityReport.hyperVFaultingAccesses)
        #expect(result.reports[0].exitStatus == UInt64(PERFV_EXIT_OK.rawValue))
    }

    @Test("vmware: the backdoor answers GETVERSION with the magic and GETHZ with the CPUID leaf's frequencies")
    func vmwareBackdoor() throws {
        guard let (_, report) = try Self.run(.vmware) else { return }
        #expect(report.backdoorVersion.count == 3)
        #expect(report.backdoorVersion.first.map { $0 != UInt32.max } == true)
        #expect(report.backdoorVersion.dropFirst().first == PERFV_VMWARE_MAGIC)
        let leaf = try #require(report.timingLeaf)
        #expect(leaf.eax > 0)
        #expect(report.backdoorTSCHertz == UInt64(leaf.eax) * 1000)
        #expect(report.backdoorHz.last.map(UInt64.init) == UInt64(leaf.ebx) * 1000)
        #expect(report.backdoorWrongMagicEAX == UInt32.max)
        // The leaf's TSC rate is the one KVM scales kvmclock with.
        let pvclock = try #require(report.pvclockTSCKilohertz)
        #expect(abs(pvclock - Double(leaf.eax)) / Double(leaf.eax) < 1e-5, "kvmclock \(pvclock) kHz vs leaf \(leaf.eax) kHz")
    }
}
