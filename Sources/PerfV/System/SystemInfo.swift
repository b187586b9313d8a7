/// Everything PerfV can tell about the machine it runs on: hypervisor, CPU,
/// TSC and clocks, KVM, PMU, NUMA, steal time and PAPI's view.
///
/// `perfv-report info` prints it; the sweep report and the C API embed it.
/// Every section is gathered even when others fail; a section that cannot be
/// read says why in its own `reason`/`error` field rather than stopping the rest.
public struct SystemInfo: Sendable, Equatable, Codable {
    public var hypervisor: HypervisorInfo
    public var cpu: CPUInfo
    public var tsc: TSCInfo
    public var clocksource: ClocksourceStatus
    /// Resolution and read cost of each clock; empty when not measured.
    public var clocks: [ClockSummary]
    /// Why `clocks` is empty.
    public var clocksError: String?
    public var kvm: KVMHostInfo
    public var pmu: PMUInfo
    public var numa: NUMAInfo
    public var steal: StealSummary
    public var papi: PAPISummary
    /// The cloud provider and instance type from DMI.
    public var cloud: CloudInfo
    /// The firmware's DMI strings; nil when the root has none.
    public var dmi: DMIIdentity?
    /// Container runtime, cgroup version and CPU quota.
    public var container: ContainerInfo
    /// Why `container` could not be read (a malformed cgroup file).
    public var containerError: String?
    /// hardware → hypervisor(s) → container.
    public var layers: SystemLayers
    /// Where this was gathered: "live" or the root directory it was read from.
    public var origin: String
    /// Where live-probe outcomes came from: "live", "recorded (probes.json)" or none.
    public var probeSource: String
    /// PerfV's counter components (perf, papi, steal, …), each enabled or disabled with its reason.
    public var components: [ComponentSummary]

    /// Gathers every section (about 0.1–0.5 s: the TSC calibration sleeps
    /// ~30 ms when CPUID has no frequency, and the clock survey times each clock).
    ///
    /// - Parameters:
    ///   - cpuid: the CPUID to ask; the real processor by default.
    ///   - root: where /proc, /sys and /dev are; the real root by default.
    ///   - measureClocks: whether to run the clock survey.
    public static func gather(cpuid: some CPUIDSource = HardwareCPUID(), root: SystemRoot = .live,
                              measureClocks: Bool = true) -> SystemInfo {
        gather(root: root, cpuid: cpuid, probes: .live, measureClocks: measureClocks)
    }

    /// The one detection path behind `gather()` and SystemReport's
    /// `gather(rootDirectory:)`, which replays a capture: `cpuid` nil means "no CPUID leaves"
    /// (hypervisor verdict from the root's evidence); `probes` says whether
    /// perf_event_open, PAPI, libnuma and the clocks are asked live (/dev/kvm is
    /// the VMM's to open: `KVMHostInfo.files`).
    public static func gather(root: SystemRoot, cpuid: (any CPUIDSource)?, probes: ProbeSource,
                              measureClocks: Bool) -> SystemInfo {
        let source: any CPUIDSource = cpuid ?? RecordedCPUID(leaves: [:])
        let identity = CPUIdentity(cpuid: source)
        let procCPUInfo = Result { try ProcCPUInfo.read(root: root) }
            .mapError { $0 as? PerfVError ?? .malformedFile(path: ProcCPUInfo.path, reason: "\($0)") }
        let cpuFlags = try? procCPUInfo.get().flags
        var dmi: DMIIdentity?
        var dmiError: String?
        do { dmi = try DMIIdentity.read(root: root) } catch { dmiError = "\(error)" }
        let evidence = VirtualizationEvidence.gather(root: root, cpuFlags: cpuFlags, dmi: dmi)
        var hypervisor = cpuid.map { HypervisorInfo(cpuid: $0) } ?? HypervisorInfo(evidence: evidence)
        hypervisor.evidence = evidence
        let clocksource = Result { try Clocksource.read(root: root) }
            .mapError { $0 as? PerfVError ?? .malformedFile(path: Clocksource.currentPath, reason: "\($0)") }
        let tsc = TSCInfo.gather(cpuid: cpuid, hypervisor: hypervisor, cpuFlags: cpuFlags,
                                 clocksource: clocksource, probes: probes)

        var clocks: [ClockSummary] = []
        var clocksError: String?
        if !probes.isLive {
            if let recorded = probes.record?.clocks, !recorded.isEmpty {
                clocks = recorded
            } else {
                clocksError = ProbeSource.notMeasured
            }
        } else if measureClocks {
            do {
                clocks = try ClockSurvey.measure(tscFrequencyHz: tsc.frequency.map { UInt64($0.hertz.rounded()) })
                    .map(ClockSummary.init)
            } catch {
                clocksError = "\(error)"
            }
        } else {
            clocksError = "not measured"
        }

        let pmu = PMUInfo.gather(cpuid: cpuid, identity: identity, hypervisor: hypervisor, root: root, probes: probes)
        var cpu = CPUInfo.gather(identity: identity, root: root, procCPUInfo: procCPUInfo)
        if cpuid == nil { cpu.useIdentity(of: try? procCPUInfo.get()) }
        let kvm = probes.isLive
            ? KVMHostInfo.files(root: root, cpuFlags: cpuFlags)
            : KVMHostInfo.offline(root: root, cpuFlags: cpuFlags, recorded: probes.record?.kvm)
        let container: ContainerInfo
        var containerError: String?
        do {
            container = try ContainerInfo.gather(root: root)
        } catch {
            container = ContainerInfo(runtime: nil, cgroupVersion: nil, cpuQuota: nil, cpuQuotaSource: nil, evidence: [])
            containerError = "\(error)"
        }
        let cloud = CloudInfo(dmi: dmi)
        var status = ClocksourceStatus(clocksource)
        status.access = ClockAccess(clocksource: status.current, hypervisor: hypervisor, clocks: clocks)

        var info = SystemInfo(
            hypervisor: hypervisor,
            cpu: cpu,
            tsc: tsc,
            clocksource: status,
            clocks: clocks,
            clocksError: clocksError,
            kvm: kvm,
            pmu: pmu,
            numa: probes.isLive ? NUMAInfo.gather(root: root)
                : probes.record?.numa ?? NUMAInfo(available: false, reason: ProbeSource.notMeasured("libnuma"), nodes: [], distances: []),
            steal: probes.isLive ? StealSummary.gather()
                : probes.record?.steal ?? StealSummary(totalNs: nil, perCPUNs: [], source: "/proc/stat", error: ProbeSource.notMeasured("steal")),
            papi: probes.isLive ? PAPISummary.gather(kernelPMU: pmu)
                : probes.record?.papi?.checked(against: pmu)
                    ?? PAPISummary(available: false, version: nil, virtualized: nil, vmVendor: nil, hardware: nil,
                                   components: [], refutedComponents: [:], error: ProbeSource.notMeasured("PAPI")),
            cloud: cloud,
            dmi: dmi,
            container: container,
            containerError: containerError,
            layers: SystemLayers(cpu: cpu, hypervisor: hypervisor, cloud: cloud, kvm: kvm, container: container),
            origin: probes.isLive ? "live" : root.prefix,
            probeSource: probes.description,
            components: probes.isLive ? ComponentRegistry.shared.summaries : probes.record?.components ?? [])
        if let dmiError { info.cloud.evidence.append("DMI unreadable: \(dmiError)") }
        return info
    }

    /// The probe outcomes of this machine, to replay elsewhere: what a capture writes to probes.json.
    public func probeRecord() -> ProbeRecord {
        let outcomes = Dictionary(uniqueKeysWithValues: PerfEventProbe.allCases.map {
            ($0.rawValue, PerfEventProbe.outcomeName($0.run()))
        })
        return ProbeRecord(perfEventOpen: outcomes, papi: papi, kvm: kvm, clocks: clocks.isEmpty ? nil : clocks,
                           tscFrequency: tsc.frequency?.source == .calibrated ? tsc.frequency : nil,
                           numa: numa, steal: steal, components: components)
    }

    /// The verdict in a few stable fields (expected.json).
    public var verdict: EnvironmentVerdict { EnvironmentVerdict(self) }
}
