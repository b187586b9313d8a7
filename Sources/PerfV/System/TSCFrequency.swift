/// The TSC's frequency and how PerfV learned it.
public struct TSCFrequency: Sendable, Equatable, Codable {
    /// Where the number came from, most trustworthy first.
    public enum Source: String, Sendable, Codable {
        /// CPUID 0x15: crystal clock (ECX) × EBX / EAX.
        case cpuidCrystalRatio = "cpuid_0x15_crystal_ratio"
        /// CPUID 0x16 EAX: processor base frequency in MHz.
        case cpuidBaseFrequency = "cpuid_0x16_base_mhz"
        /// The hypervisor timing leaf (base + 0x10) EAX, in kHz.
        case hypervisorTimingLeaf = "hypervisor_timing_leaf"
        /// Counted against CLOCK_MONOTONIC_RAW over a short sleep.
        case calibrated = "calibrated_against_clock_monotonic_raw"
    }

    public var hertz: Double
    public var source: Source
    /// CPUID leaf the number was read from, when it came from CPUID.
    public var leaf: UInt32?
    /// Calibration window in nanoseconds, when calibrated.
    public var calibrationNanoseconds: Int64?

    /// The frequency from CPUID alone: leaf 0x15, else 0x16, else the timing
    /// leaf of the hypervisor block that has one. Nil when none says.
    public static func fromCPUID(_ cpuid: some CPUIDSource, hypervisor: HypervisorInfo) -> TSCFrequency? {
        let maxBasicLeaf = cpuid.query(leaf: 0).eax
        if maxBasicLeaf >= 0x15 {
            let ratio = cpuid.query(leaf: 0x15)
            // EAX/EBX = TSC/crystal ratio; ECX = crystal Hz, 0 when not enumerated.
            if ratio.eax != 0, ratio.ebx != 0, ratio.ecx != 0 {
                return TSCFrequency(hertz: Double(ratio.ecx) * Double(ratio.ebx) / Double(ratio.eax),
                                    source: .cpuidCrystalRatio, leaf: 0x15)
            }
        }
        if maxBasicLeaf >= 0x16 {
            let megahertz = cpuid.query(leaf: 0x16).eax & 0xFFFF
            if megahertz != 0 {
                return TSCFrequency(hertz: Double(megahertz) * 1e6, source: .cpuidBaseFrequency, leaf: 0x16)
            }
        }
        if let block = hypervisor.signatures.first(where: { $0.timing != nil }), let timing = block.timing {
            return TSCFrequency(hertz: Double(timing.tscKilohertz) * 1e3, source: .hypervisorTimingLeaf,
                                leaf: block.baseLeaf + 0x10)
        }
        return nil
    }
}
