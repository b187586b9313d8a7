import CGuestABI
import PerfV

/// What a PERSONALITY guest (`Workload.personality`) saw, decoded from vCPU 0's results,
/// and the checks it must pass for the personality the VM presented.
public struct PersonalityReport: Sendable {
    /// One verdict, printed by `perfv-report vm run personality`.
    public struct Check: Sendable {
        public var name: String
        public var passed: Bool
        public var detail: String
    }

    public let personality: HypervisorPersonality
    /// The CPUID leaves the guest read, as a table PerfV's detection takes.
    public let cpuid: RecordedCPUID
    /// PerfV's hypervisor detection run on that table.
    public let detected: HypervisorInfo
    /// kvmclock k0…k3: k0 ≤ first time-source read ≤ k1, spin, k2 ≤ second read ≤ k3.
    public let kvmclock: [UInt64]
    /// HV_X64_MSR_TIME_REF_COUNT before and after the spin (100 ns units); nil when it faulted.
    public let timeReferenceCount: (first: UInt64, second: UInt64)?
    /// HV_X64_MSR_VP_RUNTIME before and after the spin (100 ns units); nil when it faulted.
    public let vpRuntime: (first: UInt64, second: UInt64)?
    /// HV_X64_MSR_GUEST_OS_ID read back after the guest wrote PERFV_GUEST_OS_ID_VALUE.
    public let guestOSID: UInt64?
    /// MSR accesses of the probe that raised #GP (of 8).
    public let faultedMSRAccesses: UInt64?
    /// Backdoor GETVERSION and GETHZ (EAX, EBX, ECX), and GETVERSION's EAX with a wrong magic.
    public let backdoorVersion: [UInt32]
    public let backdoorHz: [UInt32]
    public let backdoorWrongMagicEAX: UInt32?
    /// The TSC rate kvmclock's scale implies (kHz): 10⁶·2³²/mul/2^shift.
    public let pvclockTSCKilohertz: Double?
    /// vCPU 0's thread CPU time over the run from the host's perf_event task-clock; nil without it.
    public let hostTaskClockNanoseconds: UInt64?

    /// MSR accesses the probe makes: TIME_REF_COUNT ×2, VP_RUNTIME ×2, GUEST_OS_ID write and
    /// read, HYPERCALL read, a TIME_REF_COUNT write. Under `hyperv` only the last two fault.
    public static let probedMSRAccesses: UInt64 = 8
    public static let hyperVFaultingAccesses: UInt64 = 2

    /// How far TIME_REF_COUNT may stray from kvmclock over the same bracketed interval:
    /// 100 ns for the truncation of each read to 100 ns units, plus 100 ppm of the interval
    /// for the clocks' rates (kvmclock is KVM's TSC scaled to CLOCK_MONOTONIC_RAW, and
    /// TIME_REF_COUNT reads CLOCK_MONOTONIC_RAW; their measured drift here is far smaller).
    public static func referenceCountSlack(intervalNanoseconds: UInt64) -> UInt64 {
        200 + intervalNanoseconds / 10_000
    }

    public init(_ result: RunResult, personality: HypervisorPersonality) {
        self.personality = personality
        func value(_ key: UInt32) -> UInt64? { result.reports[0].results[UInt64(key)] }
        func value(_ key: perfv_result_key) -> UInt64? { value(key.rawValue) }
        func pair(_ first: perfv_result_key, _ second: perfv_result_key) -> (first: UInt64, second: UInt64)? {
            guard let a = value(first), let b = value(second) else { return nil }
            return (a, b)
        }
        func word(_ key: perfv_result_key) -> UInt32? { value(key).map { UInt32(truncatingIfNeeded: $0) } }

        var leaves: [RecordedCPUID.Key: CPUIDRegisters] = [:]
        for slot in 0..<PERFV_PERSONALITY_CPUID_SLOTS {
            let words = (0..<UInt32(4)).map { value(PERFV_RESULT_CPUID_BASE.rawValue + 4 * slot + $0).map { UInt32(truncatingIfNeeded: $0) } }
            guard let eax = words[0], let ebx = words[1], let ecx = words[2], let edx = words[3] else { continue }
            leaves[RecordedCPUID.Key(leaf: perfv_personality_cpuid_leaf(slot), subleaf: 0)] =
                CPUIDRegisters(eax: eax, ebx: ebx, ecx: ecx, edx: edx)
        }
        cpuid = RecordedCPUID(leaves: leaves)
        detected = HypervisorInfo(cpuid: cpuid)
        kvmclock = [PERFV_RESULT_KVMCLOCK_0, PERFV_RESULT_KVMCLOCK_1, PERFV_RESULT_KVMCLOCK_2, PERFV_RESULT_KVMCLOCK_3].compactMap(value)
        timeReferenceCount = pair(PERFV_RESULT_TIME_REF_0, PERFV_RESULT_TIME_REF_1)
        vpRuntime = pair(PERFV_RESULT_VP_RUNTIME_0, PERFV_RESULT_VP_RUNTIME_1)
        guestOSID = value(PERFV_RESULT_GUEST_OS_ID)
        faultedMSRAccesses = value(PERFV_RESULT_GP_FAULTS)
        backdoorVersion = [PERFV_RESULT_VMWARE_VERSION_EAX, PERFV_RESULT_VMWARE_VERSION_EBX, PERFV_RESULT_VMWARE_VERSION_ECX].compactMap(word)
        backdoorHz = [PERFV_RESULT_VMWARE_HZ_EAX, PERFV_RESULT_VMWARE_HZ_EBX, PERFV_RESULT_VMWARE_HZ_ECX].compactMap(word)
        backdoorWrongMagicEAX = word(PERFV_RESULT_VMWARE_BAD_MAGIC_EAX)
        if let mul = value(PERFV_RESULT_PVCLOCK_MUL), mul != 0, let shift = value(PERFV_RESULT_PVCLOCK_SHIFT) {
            let shift = Int(Int8(truncatingIfNeeded: shift))
            pvclockTSCKilohertz = 1e6 * 4_294_967_296.0 / Double(mul) * Double(sign: .plus, exponent: -shift, significand: 1)
        } else {
            pvclockTSCKilohertz = nil
        }
        hostTaskClockNanoseconds = result.counters.first?[.hostTaskClockNanoseconds]
    }

    /// VMware's timing leaf (0x40000010) as the guest read it.
    public var timingLeaf: CPUIDRegisters? {
        cpuid.leaves[RecordedCPUID.Key(leaf: 0x4000_0010, subleaf: 0)]
    }

    /// GETHZ's TSC frequency, EBX:EAX.
    public var backdoorTSCHertz: UInt64? {
        backdoorHz.count == 3 ? UInt64(backdoorHz[1]) << 32 | UInt64(backdoorHz[0]) : nil
    }

    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// Every check for the personality; each says what it compared.
    public var checks: [Check] {
        var checks: [Check] = []
        func check(_ name: String, _ passed: Bool, _ detail: String) { checks.append(Check(name: name, passed: passed, detail: detail)) }

        let expected = personality.detectedVendorName
        check("detection", detected.present == (expected != nil) && detected.vendorName == expected,
              "PerfV's HypervisorInfo on the guest's CPUID: present \(detected.present), vendor \(detected.vendorName ?? "none") (expected \(expected ?? "none"))")
        check("kvmclock", kvmclock.count == 4 && zip(kvmclock, kvmclock.dropFirst()).allSatisfy { $0 < $1 },
              "k0…k3 = \(kvmclock)")

        let faulted = faultedMSRAccesses ?? 0
        if personality == .hyperv {
            checks += hyperVChecks(faulted: faulted)
        } else {
            check("no Hyper-V MSRs", faulted == Self.probedMSRAccesses,
                  "\(faulted) of \(Self.probedMSRAccesses) Hyper-V MSR accesses raised #GP (all must)")
        }
        if personality == .vmware {
            checks += vmwareChecks()
        } else {
            check("no backdoor", backdoorVersion.first == UInt32.max,
                  "GETVERSION EAX \(backdoorVersion.first.map(hex) ?? "not reported") (0xffffffff: nothing answers port 0x5658)")
        }
        return checks
    }

    private func hyperVChecks(faulted: UInt64) -> [Check] {
        var checks: [Check] = []
        func check(_ name: String, _ passed: Bool, _ detail: String) { checks.append(Check(name: name, passed: passed, detail: detail)) }
        if let reference = timeReferenceCount, kvmclock.count == 4 {
            let elapsed = (reference.second &- reference.first) &* 100
            let shortest = kvmclock[2] - kvmclock[1], longest = kvmclock[3] - kvmclock[0]
            let slack = Self.referenceCountSlack(intervalNanoseconds: longest)
            check("TIME_REF_COUNT", reference.second > reference.first && elapsed + slack >= shortest && elapsed <= longest + slack,
                  "advanced \(elapsed) ns; kvmclock brackets it in [\(shortest), \(longest)] ns (± \(slack) ns)")
        } else {
            check("TIME_REF_COUNT", false, "not read (the MSR raised #GP)")
        }
        if let runtime = vpRuntime, kvmclock.count == 4 {
            let spun = (runtime.second &- runtime.first) &* 100
            let wall = kvmclock[3] - kvmclock[0]
            let bound = runtime.second * 100
            let hostBound = hostTaskClockNanoseconds.map { "≤ host task-clock \($0) ns: \(bound <= $0)" } ?? "host task-clock unavailable"
            check("VP_RUNTIME", runtime.first > 0 && runtime.second > runtime.first && spun <= wall + Self.referenceCountSlack(intervalNanoseconds: wall)
                    && hostTaskClockNanoseconds.map { bound <= $0 } ?? true,
                  "\(runtime.first * 100) → \(bound) ns; \(spun) ns over the spin ≤ its \(wall) ns of kvmclock; \(hostBound)")
        } else {
            check("VP_RUNTIME", false, "not read (the MSR raised #GP)")
        }
        check("GUEST_OS_ID", guestOSID == PERFV_GUEST_OS_ID_VALUE,
              "wrote \(hex(PERFV_GUEST_OS_ID_VALUE)), read \(guestOSID.map(hex) ?? "#GP")")
        check("unimplemented MSRs fault", faulted == Self.hyperVFaultingAccesses,
              "\(faulted) #GP (HYPERCALL read and TIME_REF_COUNT write must, nothing else)")
        return checks
    }

    private func vmwareChecks() -> [Check] {
        var checks: [Check] = []
        func check(_ name: String, _ passed: Bool, _ detail: String) { checks.append(Check(name: name, passed: passed, detail: detail)) }
        check("GETVERSION", backdoorVersion.count == 3 && backdoorVersion[0] != UInt32.max && backdoorVersion[1] == PERFV_VMWARE_MAGIC,
              "EAX \(backdoorVersion.first.map(hex) ?? "-"), EBX \(backdoorVersion.count > 1 ? hex(backdoorVersion[1]) : "-") (magic \(hex(PERFV_VMWARE_MAGIC)))")
        if let leaf = timingLeaf, let tscHertz = backdoorTSCHertz {
            check("GETHZ = CPUID 0x40000010", leaf.eax != 0 && tscHertz == UInt64(leaf.eax) * 1000 && UInt64(backdoorHz[2]) == UInt64(leaf.ebx) * 1000,
                  "GETHZ TSC \(tscHertz) Hz, bus \(backdoorHz[2]) Hz; leaf TSC \(leaf.eax) kHz, bus \(leaf.ebx) kHz")
            if let pvclock = pvclockTSCKilohertz {
                // KVM derives kvmclock's 32-bit multiplier from the same TSC rate; rounding keeps them within 1 ppm.
                let deviation = abs(pvclock - Double(leaf.eax)) / Double(leaf.eax)
                check("TSC kHz = kvmclock's", deviation < 1e-5,
                      "leaf \(leaf.eax) kHz, kvmclock scale \(String(Int(pvclock.rounded()))) kHz")
            }
        } else {
            check("GETHZ = CPUID 0x40000010", false, "leaf or GETHZ not reported")
        }
        check("wrong magic", backdoorWrongMagicEAX == UInt32.max,
              "GETVERSION with a wrong magic: EAX \(backdoorWrongMagicEAX.map(hex) ?? "-") (must be 0xffffffff)")
        return checks
    }
}
