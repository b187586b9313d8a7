import CLinux
import Foundation
import CPUContention
import Testing
@testable import PerfV

/// The clock_gettime clocks and the TSC.
@Suite("Clocks")
struct ClockTests {
    @Test func everyClockHasADistinctIdAndName() {
        #expect(Set(Clock.allCases.map(\.id)).count == 8)
        #expect(Set(Clock.allCases.map(\.name)).count == 8)
        #expect(Clock.monotonic.name == "CLOCK_MONOTONIC")
        #expect(Clock.monotonic.id == CLOCK_MONOTONIC)
    }

    @Test func cpuTimeClocksAreSystemCallsTheOthersVDSO() {
        for clock in Clock.allCases {
            let expected: ClockSource = [.processCPUTime, .threadCPUTime].contains(clock) ? .syscall : .vdso
            #expect(clock.source == expected, "\(clock.name)")
        }
    }

    @Test(arguments: Clock.allCases)
    func readsAgreeWithADirectClockGettime(clock: Clock) {
        var direct = timespec()
        clock_gettime(clock.id, &direct)
        let directNanoseconds = Int64(direct.tv_sec) * 1_000_000_000 + Int64(direct.tv_nsec)
        let ours = clock.nanoseconds()
        #expect(ours >= directNanoseconds)
        // Coarse clocks move a tick at a time; CPU clocks only while this thread runs.
        #expect(ours - directNanoseconds < 100_000_000, "\(clock.name): \(ours - directNanoseconds) ns apart")
    }

    @Test func monotonicClocksDoNotGoBackwards() {
        for clock in [Clock.monotonic, .monotonicRaw, .boottime, .monotonicCoarse, .threadCPUTime] {
            var previous = clock.nanoseconds()
            for _ in 0..<10_000 {
                let now = clock.nanoseconds()
                #expect(now >= previous, "\(clock.name)")
                previous = now
            }
        }
    }

    @Test func boottimeIncludesMonotonic() {
        #expect(Clock.boottime.nanoseconds() >= Clock.monotonic.nanoseconds() - 1_000_000)
    }

    @Test func realtimeIsTheUnixEpoch() {
        let seconds = Clock.realtime.nanoseconds() / 1_000_000_000
        #expect(abs(seconds - Int64(time(nil))) <= 2)
    }

    @Test func resolutions() throws {
        for clock in [Clock.realtime, .monotonic, .monotonicRaw, .boottime] {
            #expect(try clock.resolutionNanoseconds() == 1, "\(clock.name) is a high-resolution clock")
        }
        // COARSE clocks advance once per scheduler tick: 1 ms (HZ=1000) to 10 ms (HZ=100).
        for clock in [Clock.realtimeCoarse, .monotonicCoarse] {
            let resolution = try clock.resolutionNanoseconds()
            #expect((1_000_000...10_000_000).contains(resolution), "\(clock.name): \(resolution) ns")
        }
    }

    @Test func threadCPUTimeCountsOnlyRunning() {
        let cpuBefore = Clock.threadCPUTime.nanoseconds()
        usleep(100_000)
        let slept = Clock.threadCPUTime.nanoseconds() - cpuBefore
        #expect(slept < 50_000_000, "sleeping 100 ms used \(slept) ns of CPU")
        let wallBefore = Clock.monotonic.nanoseconds()
        let busyBefore = Clock.threadCPUTime.nanoseconds()
        _ = CPUBoundWork.run(iterations: 20_000_000)
        let busy = Clock.threadCPUTime.nanoseconds() - busyBefore
        let wall = Clock.monotonic.nanoseconds() - wallBefore
        #expect(busy > 0 && busy <= wall + 1_000_000)
    }

    @Test func timestampCounterAdvancesAndRdtscpNamesTheCPU() throws {
        let first = TimestampCounter.read()
        let second = TimestampCounter.read()
        #expect(second > first)
        let cpus = try PinnedThread.run(on: 0) { () -> (Int32, Int32) in
            (TimestampCounter.readOrdered().cpu, perfv_current_cpu())
        }
        #expect(cpus.0 == 0)
        #expect(cpus.1 == 0)
    }
}

/// TSC ticks to nanoseconds, and when it is refused.
@Suite("Clocks: TSC conversion")
struct ClockTimestampCounterConverterTests {
    static func unavailableReason(_ make: () throws -> TimestampCounterConverter) -> String? {
        do {
            _ = try make()
            return nil
        } catch let PerfVError.unavailable(feature, reason) {
            return feature == TimestampCounterConverter.feature ? reason : "wrong feature \(feature)"
        } catch {
            return "unexpected error \(error)"
        }
    }

    @Test func refusesANonInvariantTSC() throws {
        let reason = try #require(Self.unavailableReason {
            try TimestampCounterConverter(frequencyHz: 2_000_000_000, isInvariant: false, clocksource: "tsc")
        })
        #expect(reason.contains("not invariant"))
    }

    @Test func refusesWhenTheKernelDoesNotUseTheTSC() throws {
        let reason = try #require(Self.unavailableReason {
            try TimestampCounterConverter(frequencyHz: 2_000_000_000, isInvariant: true, clocksource: "kvm-clock")
        })
        #expect(reason.contains("'kvm-clock', not 'tsc'"))
    }

    @Test func refusesAnImplausibleFrequency() throws {
        let reason = try #require(Self.unavailableReason {
            try TimestampCounterConverter(frequencyHz: 0, isInvariant: true, clocksource: "tsc")
        })
        #expect(reason.contains("not plausible"))
    }

    @Test(arguments: [1_000_000_000, 2_445_000_000, 3_000_000_000, 1_000_000] as [UInt64])
    func convertsWithinOneNanosecondPerSecond(frequency: UInt64) throws {
        let converter = try TimestampCounterConverter(frequencyHz: frequency, isInvariant: true, clocksource: "tsc")
        #expect(converter.tickNanoseconds == 1e9 / Double(frequency))
        for seconds in [1, 10, 3600] as [UInt64] {
            let ns = converter.nanoseconds(ticks: frequency * seconds)
            let exact = 1_000_000_000 * seconds
            #expect(ns <= exact && exact - ns <= seconds, "\(frequency) Hz, \(seconds) s: \(ns)")
        }
        #expect(converter.nanoseconds(ticks: 0) == 0)
    }

    @Test func thisMachinesConverterAgreesWithClockMonotonic() throws {
        let converter: TimestampCounterConverter
        do {
            converter = try TimestampCounterConverter.forThisMachine()
        } catch let PerfVError.unavailable(_, reason) {
            // A machine whose TSC cannot be trusted: the refusal must say why.
            #expect(!reason.isEmpty)
            return
        }
        let ticks0 = TimestampCounter.read()
        let wall0 = Clock.monotonicRaw.nanoseconds()
        usleep(200_000)
        let ticks1 = TimestampCounter.read()
        let wall1 = Clock.monotonicRaw.nanoseconds()
        let tscNanoseconds = Double(converter.nanoseconds(ticks: ticks1 - ticks0))
        let wall = Double(wall1 - wall0)
        // The frequency may come from CPUID's nominal value or a short calibration: 0.5% is ample.
        #expect(abs(tscNanoseconds - wall) < 0.005 * wall, "TSC \(tscNanoseconds) ns vs CLOCK_MONOTONIC_RAW \(wall) ns")
    }

    @Test func refusalFromTSCInfoCarriesItsReason() throws {
        let info = TSCInfo(
            invariant: false, constantTSC: nil, nonstopTSC: nil,
            frequency: TSCFrequency(hertz: 2e9, source: .calibrated, leaf: nil, calibrationNanoseconds: 30_000_000),
            tscToNanosecondsAvailable: false, reason: "TSC not invariant")
        #expect(throws: PerfVError.unavailable(feature: TimestampCounterConverter.feature, reason: "TSC not invariant")) {
            try TimestampCounterConverter(info)
        }
    }
}
