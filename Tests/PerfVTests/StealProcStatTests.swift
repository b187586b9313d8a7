import Foundation
import Testing
@testable import PerfV

/// The /proc/stat steal parser: real content, synthetic content, and every kind of bad input.
@Suite("Steal: /proc/stat parser")
struct StealProcStatTests {
    static let sample = """
        cpu  5971 0 3649 61694 439 0 66 18 0 0
        cpu0 2095 0 1490 32279 18 0 11 8 0 0
        cpu1 3876 0 2159 29414 421 0 54 10 0 0
        intr 175390 0 0 0
        ctxt 350713

        """

    @Test func parsesAggregateAndPerCPUSteal() throws {
        let steal = try ProcStatSteal.parse(Self.sample)
        #expect(steal.allCPUsTicks == 18)
        #expect(steal.perCPUTicks == [8, 10])
    }

    @Test func absentCPUIsNilNotZero() throws {
        let text = "cpu  1 2 3 4 5 6 7 30 0 0\ncpu0 1 2 3 4 5 6 7 10 0 0\ncpu2 1 2 3 4 5 6 7 20 0 0\nintr 0\n"
        let steal = try ProcStatSteal.parse(text)
        #expect(steal.perCPUTicks == [10, nil, 20])
    }

    @Test func acceptsExactlyEightValues() throws {
        let steal = try ProcStatSteal.parse("cpu 1 2 3 4 5 6 7 42\n")
        #expect(steal.allCPUsTicks == 42)
        #expect(steal.perCPUTicks.isEmpty)
    }

    @Test func parsesThisMachinesProcStat() throws {
        let text = try String(contentsOfFile: "/proc/stat", encoding: .utf8)
        let steal = try ProcStatSteal.parse(text)
        #expect(steal.allCPUsTicks >= 0)
        #expect(!steal.perCPUTicks.isEmpty)
        let present = steal.perCPUTicks.compactMap { $0 }
        let perCPUSum = present.reduce(0, +)
        // The kernel sums the per-CPU nanoseconds, then converts to ticks, while each
        // cpuN line is converted on its own: the aggregate may exceed the sum of the
        // per-CPU lines by less than one tick per CPU, never fall below it.
        #expect(steal.allCPUsTicks >= perCPUSum)
        #expect(steal.allCPUsTicks - perCPUSum < Int64(max(1, present.count)))
    }

    // MARK: bad input: each gives malformedFile naming the problem

    static func reason(_ text: String, cpuCapacity: Int = ProcStatSteal.linuxMaximumCPUCount) -> String? {
        do {
            _ = try ProcStatSteal.parse(text, cpuCapacity: cpuCapacity)
            return nil
        } catch let PerfVError.malformedFile(path, reason) {
            return path == "/proc/stat" ? reason : "wrong path \(path)"
        } catch {
            return "unexpected error \(error)"
        }
    }

    @Test func emptyContent() {
        #expect(Self.reason("") == "the file is empty")
    }

    @Test func truncatedMidLine() throws {
        let reason = try #require(Self.reason("cpu  5971 0 3649 61694 439 0 66 18 0 0\ncpu0 2095 0 14"))
        #expect(reason.contains("'cpu0' is cut off after 3 values"))
    }

    @Test func truncatedMidNumber() throws {
        let reason = try #require(Self.reason("cpu  5971 0 36"))
        #expect(reason.contains("'cpu' is cut off"))
    }

    @Test func garbage() throws {
        let reason = try #require(Self.reason("hello world\n\u{1}\u{2}binary"))
        #expect(reason.contains("expected the aggregate 'cpu' line first, found 'hello world'"))
    }

    @Test func missingStealColumnOnOldKernels() throws {
        let reason = try #require(Self.reason("cpu  5971 0 3649 61694 439 0 66\ncpu0 1 2 3 4 5 6 7\nintr 0\n"))
        #expect(reason.contains("line 'cpu' has 7 values; steal is value 8"))
    }

    @Test func missingColumnsOnOneCPU() throws {
        let reason = try #require(Self.reason("cpu  1 2 3 4 5 6 7 8\ncpu0 1 2 3 4\nintr 0\n"))
        #expect(reason.contains("line 'cpu0' has 4 values"))
    }

    @Test func nonNumericValue() throws {
        let reason = try #require(Self.reason("cpu  1 2 3 4 5 6 7 8\ncpu0 1 2 abc 4 5 6 7 8\n"))
        #expect(reason == "value 3 of line 'cpu0' is not a decimal number: 'abc'")
    }

    @Test func digitsFollowedByLetters() throws {
        let reason = try #require(Self.reason("cpu  1 2 3 4 5 6 7 8x\n"))
        #expect(reason == "value 8 of line 'cpu' is not a decimal number: '8x'")
    }

    @Test func negativeValue() throws {
        let reason = try #require(Self.reason("cpu  1 2 3 4 5 6 7 -5\n"))
        #expect(reason == "value 8 of line 'cpu' is negative: '-5'")
    }

    @Test func overflowingValue() throws {
        let reason = try #require(Self.reason("cpu  1 2 3 4 5 6 7 99999999999999999999999\n"))
        #expect(reason == "value 8 of line 'cpu' does not fit in 64 bits: '99999999999999999999999'")
    }

    @Test func cpuNumberBeyondCapacity() throws {
        let reason = try #require(Self.reason("cpu  1 2 3 4 5 6 7 8\ncpu9 1 2 3 4 5 6 7 8\n", cpuCapacity: 4))
        #expect(reason.contains("'cpu9' names a CPU beyond the 4 CPUs"))
    }

    @Test func hugeCPUNumber() throws {
        let reason = try #require(Self.reason("cpu  1 2 3 4 5 6 7 8\ncpu99999999999999999999 1 2 3 4 5 6 7 8\n"))
        #expect(reason.contains("does not name a CPU"))
    }

    @Test func duplicateCPULine() throws {
        let reason = try #require(Self.reason("cpu  1 2 3 4 5 6 7 8\ncpu0 1 2 3 4 5 6 7 8\ncpu0 1 2 3 4 5 6 7 8\n"))
        #expect(reason == "line 'cpu0' appears twice")
    }

    @Test func perCPULineBeforeAggregate() throws {
        let reason = try #require(Self.reason("cpu0 1 2 3 4 5 6 7 8\ncpu  1 2 3 4 5 6 7 8\n"))
        #expect(reason.contains("comes before the aggregate"))
    }

    @Test func badCPULabel() throws {
        let reason = try #require(Self.reason("cpux 1 2 3 4 5 6 7 8\n"))
        #expect(reason.contains("does not name a CPU"))
    }

    @Test func hugeGarbageIsRejectedAndQuotedShort() throws {
        let huge = String(repeating: "x", count: 5 << 20)
        let reason = try #require(Self.reason(huge))
        #expect(reason.hasPrefix("expected the aggregate 'cpu' line first"))
        #expect(reason.count < 200)
    }

    @Test func hugeSingleValueIsAnOverflowNotACrash() throws {
        let huge = "cpu  1 2 3 4 5 6 7 " + String(repeating: "9", count: 4 << 20) + "\n"
        let reason = try #require(Self.reason(huge))
        #expect(reason.hasPrefix("value 8 of line 'cpu' does not fit in 64 bits"))
        #expect(reason.count < 200)
    }

    @Test func hugeTailAfterCPULinesIsIgnored() throws {
        // Real /proc/stat has long 'intr' lines on machines with many interrupts.
        let text = Self.sample + "intr " + String(repeating: "0 ", count: 3 << 20) + "\n"
        #expect(try ProcStatSteal.parse(text).allCPUsTicks == 18)
    }

    @Test func userHZConversion() throws {
        #expect(UserHZ.nanoseconds(ticks: 18, ticksPerSecond: 100) == 180_000_000)
        #expect(UserHZ.nanoseconds(ticks: 7, ticksPerSecond: 3) == 2_333_333_333)
        #expect(UserHZ.nanoseconds(ticks: .max, ticksPerSecond: 100) == nil)
        #expect(try UserHZ.ticksPerSecond() > 0)
    }
}
