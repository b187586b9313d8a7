/// The time stamp counter: whether it ticks at a constant rate, how fast, and
/// whether PerfV may turn TSC deltas into nanoseconds.
public struct TSCInfo: Sendable, Equatable, Codable {
    /// The evidence `invariant` was decided from.
    public static let cpuidInvariantEvidence = "CPUID 0x80000007 EDX[8]"
    public static let flagsInvariantEvidence = "/proc/cpuinfo flags constant_tsc and nonstop_tsc"

    /// The TSC runs at a constant rate in every P-, C- and T-state: CPUID
    /// 0x80000007 EDX[8], or without CPUID leaves the kernel's flags (Linux sets
    /// both constant_tsc and nonstop_tsc from that bit, and treats the pair as invariant).
    public var invariant: Bool
    /// `cpuidInvariantEvidence` or `flagsInvariantEvidence`; nil when neither
    /// CPUID nor /proc/cpuinfo could be read (then `invariant` is false).
    @AlwaysEncoded public var invariantEvidence: String?
    /// /proc/cpuinfo flag `constant_tsc`; nil when /proc/cpuinfo could not be read.
    public var constantTSC: Bool?
    /// /proc/cpuinfo flag `nonstop_tsc`; nil when /proc/cpuinfo could not be read.
    public var nonstopTSC: Bool?
    /// The frequency and its source; nil when unknown (see `frequencyError`).
    @AlwaysEncoded public var frequency: TSCFrequency?
    /// Why `frequency` is nil: offline, no CPUID leaf states it and none was recorded.
    @AlwaysEncoded public var frequencyError: String?
    /// True only when the TSC is invariant and the kernel's clocksource is `tsc`,
    /// that is, the kernel itself keeps time with the TSC.
    public var tscToNanosecondsAvailable: Bool
    /// Why `tscToNanosecondsAvailable` is false; nil when it is true.
    @AlwaysEncoded public var reason: String?

    /// Gathers the TSC facts. The frequency comes from CPUID when any leaf
    /// states it, else from a ~30 ms calibration (live) or the record (offline).
    ///
    /// - Parameter cpuid: nil when there are no CPUID leaves (an offline root
    ///   without a table): invariance then comes from `cpuFlags`.
    public static func gather(cpuid: (any CPUIDSource)?, hypervisor: HypervisorInfo,
                              cpuFlags: Set<String>?, clocksource: Result<Clocksource, PerfVError>,
                              probes: ProbeSource = .live) -> TSCInfo {
        let invariant: Bool
        let evidence: String?
        if let cpuid {
            invariant = cpuid.query(leaf: 0x8000_0000).eax >= 0x8000_0007
                && cpuid.query(leaf: 0x8000_0007).edx & (1 << 8) != 0
            evidence = cpuidInvariantEvidence
        } else if let cpuFlags {
            invariant = cpuFlags.contains("constant_tsc") && cpuFlags.contains("nonstop_tsc")
            evidence = flagsInvariantEvidence
        } else {
            invariant = false
            evidence = nil
        }
        let frequency = cpuid.flatMap { TSCFrequency.fromCPUID($0, hypervisor: hypervisor) }
            ?? (probes.isLive ? TSCCalibration.measure() : probes.record?.tscFrequency)
        let reason = unavailabilityReason(invariant: invariant, evidence: evidence, clocksource: clocksource)
        return TSCInfo(invariant: invariant,
                       invariantEvidence: evidence,
                       constantTSC: cpuFlags.map { $0.contains("constant_tsc") },
                       nonstopTSC: cpuFlags.map { $0.contains("nonstop_tsc") },
                       frequency: frequency,
                       frequencyError: frequency == nil ? ProbeSource.notMeasured : nil,
                       tscToNanosecondsAvailable: reason == nil,
                       reason: reason)
    }

    /// Why TSC deltas cannot be trusted as nanoseconds, or nil when they can;
    /// `evidence` is what decided `invariant` (nil: nothing could tell).
    public static func unavailabilityReason(invariant: Bool, evidence: String? = cpuidInvariantEvidence,
                                            clocksource: Result<Clocksource, PerfVError>) -> String? {
        guard invariant else {
            switch evidence {
            case cpuidInvariantEvidence?:
                return "TSC not invariant (\(cpuidInvariantEvidence) is clear): its rate changes with power states"
            case let evidence?:
                return "TSC not invariant (\(evidence) not both set): its rate may change with power states"
            case nil:
                return "cannot tell whether the TSC is invariant: no CPUID leaves and no /proc/cpuinfo flags"
            }
        }
        switch clocksource {
        case let .success(clocksource) where clocksource.current == "tsc":
            return nil
        case let .success(clocksource):
            return "clocksource is \(clocksource.current), not tsc: PerfV converts TSC ticks to ns only when the kernel keeps time with the TSC"
        case let .failure(error):
            return "cannot tell whether the kernel keeps time with the TSC: \(error)"
        }
    }
}
