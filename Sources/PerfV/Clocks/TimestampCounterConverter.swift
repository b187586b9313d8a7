/// Converts time stamp counter ticks to nanoseconds.
///
/// Only offered when the conversion means something: the TSC must be invariant
/// (constant rate in every P-/C-state, CPUID 0x80000007 EDX bit 8) and the kernel's
/// current clocksource must be `tsc` (the kernel checked the TSC is synchronized
/// across CPUs and stable; otherwise it would have picked kvm-clock, hpet, …).
/// Any other case throws `PerfVError.unavailable` saying which condition failed.
///
/// The conversion is the kernel's cyc2ns scheme: `ns = (ticks × mult) >> 32` with a
/// 128-bit product, `mult = 10^9 × 2^32 / frequency` computed once; no division per
/// conversion. The rounding of `mult` is below 10^-9 relative (< 1 ns per second).
public struct TimestampCounterConverter: Sendable, Equatable {
    /// TSC ticks per second.
    public let frequencyHz: UInt64
    /// Nanoseconds per tick scaled by 2^32.
    @usableFromInline let multiplier: UInt64

    /// Name under which a refusal is reported.
    public static let feature = "TSC to nanoseconds conversion"

    /// Checks the conditions and prepares the conversion.
    ///
    /// - Parameters:
    ///   - frequencyHz: TSC ticks per second (CPUID 0x15/0x16, the hypervisor's
    ///     timing leaf 0x40000010, or the kernel's calibration).
    ///   - isInvariant: CPUID 0x80000007 EDX bit 8.
    ///   - clocksource: the content of
    ///     /sys/devices/system/clocksource/clocksource0/current_clocksource.
    public init(frequencyHz: UInt64, isInvariant: Bool, clocksource: String) throws {
        guard isInvariant else {
            throw PerfVError.unavailable(
                feature: Self.feature,
                reason: "the TSC is not invariant (CPUID 0x80000007 EDX bit 8 is clear), so its rate changes with power states")
        }
        guard clocksource == "tsc" else {
            throw PerfVError.unavailable(
                feature: Self.feature,
                reason: "the kernel's clocksource is '\(clocksource)', not 'tsc': the kernel does not trust the TSC to be stable and synchronized")
        }
        // No TSC runs below 1 MHz; such a number is a misread frequency, not a clock.
        guard frequencyHz >= 1_000_000 else {
            throw PerfVError.unavailable(
                feature: Self.feature, reason: "a TSC frequency of \(frequencyHz) Hz is not plausible")
        }
        self.frequencyHz = frequencyHz
        // 10^9 × 2^32 ≈ 4.3 × 10^18 fits in 64 bits, so no wider arithmetic is needed.
        multiplier = (1_000_000_000 << 32) / frequencyHz
    }

    /// Prepares the conversion from what ``SystemInfo`` learned about the TSC
    /// (``TSCInfo``: invariance, the kernel's trust, the frequency and its source).
    ///
    /// - Throws: `PerfVError.unavailable` with ``TSCInfo/reason`` when the TSC
    ///   cannot be trusted as a clock.
    public init(_ tsc: TSCInfo) throws {
        guard tsc.tscToNanosecondsAvailable else {
            throw PerfVError.unavailable(
                feature: Self.feature, reason: tsc.reason ?? "the TSC is not trusted as a clock")
        }
        guard let frequency = tsc.frequency else {
            throw PerfVError.unavailable(feature: Self.feature,
                                         reason: "the TSC frequency is unknown: \(tsc.frequencyError ?? ProbeSource.notMeasured)")
        }
        // tscToNanosecondsAvailable means invariant and clocksource `tsc` (TSCInfo's contract).
        try self.init(frequencyHz: UInt64(frequency.hertz.rounded()), isInvariant: tsc.invariant, clocksource: "tsc")
    }

    /// Prepares the conversion for this machine: CPUID, the hypervisor's leaves and
    /// the current clocksource, as ``TSCInfo/gather(cpuid:hypervisor:cpuFlags:clocksource:)``
    /// reads them (it calibrates for ~30 ms when no CPUID leaf states the frequency).
    public static func forThisMachine() throws -> TimestampCounterConverter {
        let cpuid = HardwareCPUID()
        let clocksource = Result { try Clocksource.read(root: .live) }.mapError { error in
            error as? PerfVError ?? .unavailable(feature: feature, reason: "\(error)")
        }
        return try TimestampCounterConverter(
            TSCInfo.gather(cpuid: cpuid, hypervisor: HypervisorInfo(cpuid: cpuid), cpuFlags: nil, clocksource: clocksource))
    }

    /// Length of one tick in nanoseconds (the TSC's resolution).
    public var tickNanoseconds: Double { 1e9 / Double(frequencyHz) }

    /// `ticks` (a difference of two reads) in nanoseconds.
    @inlinable @inline(__always)
    public func nanoseconds(ticks: UInt64) -> UInt64 {
        let product = ticks.multipliedFullWidth(by: multiplier)
        return (product.high << 32) | (product.low >> 32)
    }
}
