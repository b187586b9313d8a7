/// The time stamp counter: whether it ticks at a constant rate, how fast, and
/// whether PerfV may turn TSC deltas into nanoseconds.
public struct TSCInfo: Sendable, Equatable, Codable {
    /// CPUID 0x80000007 EDX[8]: the TSC runs at a constant rate in every P-, C- and T-state.
    public var invariant: Bool
    /// /proc/cpuinfo flag `constant_tsc`; nil when /proc/cpuinfo could not be read.
    public var constantTSC: Bool?
    /// /proc/cpuinfo flag `nonstop_tsc`; nil when /proc/cpuinfo could not be read.
    public var nonstopTSC: Bool?
    /// The frequency and its source.
    public var frequency: TSCFrequency
    /// True only when the TSC is invariant and the kernel's clocksource is `tsc`,
    /// that is, the kernel itself trusts the TSC for timekeeping.
    public var tscToNanosecondsAvailable: Bool
    /// Why `tscToNanosecondsAvailable` is false; nil when it is true.
    @AlwaysEncoded public var reason: String?

    /// Gathers the TSC facts. The frequency comes from CPUID when any leaf
    /// states it, else from a ~30 ms calibration.
    public static func gather(cpuid: some CPUIDSource, hypervisor: HypervisorInfo,
                              cpuFlags: Set<String>?, clocksource: Result<Clocksource, PerfVError>,
                              probes: ProbeSource = .live) -> TSCInfo {
        let invariant = cpuid.query(leaf: 0x8000_0000).eax >= 0x8000_0007
            && cpuid.query(leaf: 0x8000_0007).edx & (1 << 8) != 0
        let frequency = TSCFrequency.fromCPUID(cpuid, hypervisor: hypervisor)
            ?? (probes.isLive ? TSCCalibration.measure()
                : probes.record?.tscFrequency ?? TSCFrequency(hertz: 0, source: .notMeasured))
        let reason = unavailabilityReason(invariant: invariant, clocksource: clocksource)
        return TSCInfo(invariant: invariant,
                       constantTSC: cpuFlags.map { $0.contains("constant_tsc") },
                       nonstopTSC: cpuFlags.map { $0.contains("nonstop_tsc") },
                       frequency: frequency,
                       tscToNanosecondsAvailable: reason == nil,
                       reason: reason)
    }

    /// Why TSC deltas cannot be trusted as nanoseconds, or nil when they can.
    public static func unavailabilityReason(invariant: Bool, clocksource: Result<Clocksource, PerfVError>) -> String? {
        guard invariant else {
            return "TSC not invariant (CPUID 0x80000007 EDX[8] is clear): its rate changes with power states"
        }
        switch clocksource {
        case let .success(clocksource) where clocksource.current == "tsc":
            return nil
        case let .success(clocksource):
            return "clocksource is \(clocksource.current): the kernel does not trust the TSC"
        case let .failure(error):
            return "cannot tell whether the kernel trusts the TSC: \(error)"
        }
    }
}
