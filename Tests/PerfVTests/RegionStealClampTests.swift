import Testing
@testable import PerfV

/// Steal that cannot be true (the counter went backwards, or exceeds the wall time)
/// is clamped, and the measurement says so instead of reporting it as measured.
@Suite("Region steal clamp")
struct RegionStealClampTests {
    @Test("steal that went backwards counts as 0 and is flagged")
    func backwards() {
        let clamped = StealAdjustment.clampedSteal(-49_500_000_000, wall: 60_000)
        #expect(clamped.nanoseconds == 0)
        #expect(clamped.clamp == .wentBackwards)
    }

    @Test("steal beyond the wall time counts as the wall time and is flagged")
    func beyondWall() {
        let clamped = StealAdjustment.clampedSteal(5_000_000_000, wall: 1_000_000_000)
        #expect(clamped.nanoseconds == 1_000_000_000)
        #expect(clamped.clamp == .exceededWall)
    }

    @Test("plausible steal is reported as measured, unflagged", arguments: [Int64(0), 400, 1_000])
    func plausible(steal: Int64) {
        let clamped = StealAdjustment.clampedSteal(steal, wall: 1_000)
        #expect(clamped.nanoseconds == steal)
        #expect(clamped.clamp == nil)
    }

    @Test("a real region's steal lies in [0, wall] and carries no clamp")
    func region() throws {
        let (_, measurement) = try Region.measure { (0..<100_000).reduce(0, &+) }
        #expect((0...measurement.wallNanoseconds).contains(measurement.stealNanoseconds))
        #expect(measurement.stealClamp == nil)
    }
}
