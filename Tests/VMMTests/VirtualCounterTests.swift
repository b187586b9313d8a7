import PerfV
import CGuestABI
import Foundation
import Testing
@testable import VMM

@Suite("Virtual counters")
struct VirtualCounterTests {
    @Test("the guest's counter reads are monotonic and bracket the host's snapshot of the same vCPU", arguments: [1, 2])
    func guestAgreesWithHost(vcpus: Int) throws {
        var configuration = MachineConfiguration(workload: .counters)
        configuration.memoryBytes = 64 << 20
        configuration.vcpuCount = vcpus
        guard let result = try TestMachines.run(configuration) else { return }
        for vcpu in 0..<vcpus {
            let report = result.reports[vcpu]
            let hostMask = result.counters[vcpu].availableMask
            #expect(report.results[UInt64(PERFV_RESULT_AVAILABLE_MASK.rawValue)] == hostMask)
            #expect(report.results[UInt64(PERFV_RESULT_GP_FAULTS.rawValue)] == 2)
            let snapshot = try #require(report.snapshots.first { $0.tag == 1 }).counters
            for counter in VirtualCounter.allCases where snapshot.isAvailable(counter) {
                let before = try #require(report.results[UInt64(PERFV_RESULT_COUNTER_BASE.rawValue) + UInt64(counter.rawValue)], "\(counter)")
                let after = try #require(report.results[UInt64(PERFV_RESULT_COUNTER_AFTER_BASE.rawValue) + UInt64(counter.rawValue)], "\(counter)")
                let host = try #require(snapshot[counter])
                #expect(before <= host, "\(counter) on vCPU \(vcpu): guest before \(before) > host \(host)")
                #expect(host <= after, "\(counter) on vCPU \(vcpu): host \(host) > guest after \(after)")
                #expect(after <= result.counters[vcpu].values[counter.rawValue], "\(counter) at the end")
            }
            #expect(try #require(snapshot[.exitsMSR]) > 0)
            let exitsBefore = try #require(report.results[UInt64(PERFV_RESULT_COUNTER_BASE.rawValue) + 1])
            let exitsAfter = try #require(report.results[UInt64(PERFV_RESULT_COUNTER_AFTER_BASE.rawValue) + 1])
            #expect(exitsBefore < exitsAfter) // every read between them is itself an exit
        }
        // Host bookkeeping agrees with itself: the counters' exit total is the sum by reason.
        #expect(result.counters.map { $0.values[VirtualCounter.exitsTotal.rawValue] }.reduce(0, +) == result.exitsTotal)
    }

    @Test("hardware counters are reported unavailable without a PMU, software ones available")
    func availability() throws {
        guard let result = try TestMachines.run(try TestMachines.fixture(.hello)) else { return }
        let counters = result.counters[0]
        for counter in VirtualCounter.allCases where counter.isEventCounter {
            #expect(counters.isAvailable(counter), "\(counter)")
        }
        #expect(counters.isAvailable(.hostStealNanoseconds))
        let cyclesWork = FileManager.default.fileExists(atPath: "/sys/bus/event_source/devices/cpu")
        #expect(counters.isAvailable(.hostCycles) == cyclesWork)
        #expect(counters[.hostCycles] == nil || cyclesWork)
    }

    @Test("pause freezes every counter; resume continues from the frozen values")
    func pauseAndResume() throws {
        var configuration = MachineConfiguration(workload: .spin(milliseconds: 1200))
        configuration.memoryBytes = 64 << 20
        guard TestMachines.kvmPresent else {
            _ = try TestMachines.run(configuration)
            return
        }
        let machine = try Machine(configuration)
        try machine.start()
        Thread.sleep(forTimeInterval: 0.3)
        machine.pause()
        let paused = machine.counters(vcpu: 0)
        Thread.sleep(forTimeInterval: 0.4)
        let stillPaused = machine.counters(vcpu: 0)
        #expect(paused == stillPaused)
        #expect(try #require(paused[.runNanoseconds]) > 0)
        machine.resume()
        let result = try machine.wait()
        let end = result.counters[0]
        #expect(try #require(end[.runNanoseconds]) > paused[.runNanoseconds]!)
        #expect(try #require(end[.exitsTotal]) > paused[.exitsTotal]!)
        // The 0.4 s pause is not in the guest's run time: it stays below the host wall time minus the pause.
        #expect(try #require(end[.runNanoseconds]) < result.hostWallNanoseconds - 400_000_000)
        #expect(result.reports[0].exitStatus == 0)
    }

    @Test("control writes: STOP freezes, START resumes, RESET zeroes, bad bits are refused")
    func controlRegister() {
        let counters = VirtualCounters()
        counters.attachToCurrentThread()
        counters.add(.exitsIO, 3)
        #expect(counters.value(.exitsIO) == 3)
        #expect(counters.controlState == UInt64(PERFV_CTL_START))
        #expect(counters.control(UInt64(PERFV_CTL_STOP)))
        counters.add(.exitsIO, 5)
        #expect(counters.value(.exitsIO) == 3)
        #expect(counters.controlState == UInt64(PERFV_CTL_STOP))
        #expect(counters.control(UInt64(PERFV_CTL_RESET | PERFV_CTL_START)))
        #expect(counters.value(.exitsIO) == 0)
        counters.add(.exitsIO, 2)
        #expect(counters.value(.exitsIO) == 2)
        #expect(!counters.control(UInt64(PERFV_CTL_START | PERFV_CTL_STOP)))
        #expect(!counters.control(1 << 7))
        // Sampled counters: task-clock grows while counting and freezes when stopped.
        if counters.snapshot().isAvailable(.hostTaskClockNanoseconds) {
            var sink = 0.0
            for index in 0..<200_000 { sink += Double(index).squareRoot() }
            #expect(sink > 0)
            let running = counters.guestRead(.hostTaskClockNanoseconds)
            #expect(running > 0)
            _ = counters.control(UInt64(PERFV_CTL_STOP))
            let stopped = counters.guestRead(.hostTaskClockNanoseconds)
            for index in 0..<200_000 { sink += Double(index).squareRoot() }
            #expect(counters.guestRead(.hostTaskClockNanoseconds) == stopped)
        }
    }
}
