/// The verdict `perfv-report info` reaches about a machine, in a few stable
/// fields: what each environment entry's `expected.json` states and what the
/// table test compares (data/environments/README.md documents the fields).
public struct EnvironmentVerdict: Sendable, Equatable, Codable {
    public static let fileName = "expected.json"

    public var hypervisorPresent: Bool
    /// HypervisorInfo.vendorName, e.g. "KVM", "Xen", "Hyper-V"; nil when none or unknown.
    @AlwaysEncoded public var hypervisor: String?
    /// "cpuid" or "root evidence".
    public var hypervisorSource: String
    /// A VM that can host VMs itself (vmx/svm visible inside it).
    public var nestedVirtualization: Bool
    @AlwaysEncoded public var cloud: String?
    @AlwaysEncoded public var instanceType: String?
    @AlwaysEncoded public var container: String?
    @AlwaysEncoded public var cgroupVersion: Int?
    @AlwaysEncoded public var cpuQuota: Double?
    public var pmuAvailable: Bool
    /// PMUInfo.reasonKeyword.
    public var pmuReason: String
    @AlwaysEncoded public var clocksource: String?
    /// ClockAccess.mode: "vdso", "syscall" or "unknown".
    public var clockAccess: String
    /// PAPI can count hardware events: its perf_event component is enabled and
    /// the kernel can count hardware events (``PAPICountingComponents``). PAPI
    /// may claim counters without the second (libpfm4 guesses a PMU from the
    /// CPU model); that is false here.
    public var papiHardwareCounts: Bool

    public init(_ info: SystemInfo) {
        hypervisorPresent = info.hypervisor.present
        hypervisor = info.hypervisor.vendorName
        hypervisorSource = info.hypervisor.source
        nestedVirtualization = info.layers.layers.contains { $0.kind == "nested hypervisor" }
        cloud = info.cloud.provider
        instanceType = info.cloud.instanceType
        container = info.container.runtime
        cgroupVersion = info.container.cgroupVersion
        cpuQuota = info.container.cpuQuota
        pmuAvailable = info.pmu.available
        pmuReason = info.pmu.reasonKeyword
        clocksource = info.clocksource.current
        clockAccess = info.clocksource.access.mode
        papiHardwareCounts = PAPICountingComponents(components: info.papi.components, kernelPMU: info.pmu)
            .counting.contains { $0.name == PAPICountingComponents.corePMUComponent }
    }
}
