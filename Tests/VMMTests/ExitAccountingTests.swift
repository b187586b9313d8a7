import PerfV
import Foundation
import Testing
@testable import VMM

@Suite("Exit accounting")
struct ExitAccountingTests {
    static let loops: UInt64 = 2000

    @Test("every OUT from ring 3 is one I/O exit, counted once, with its bytes")
    func portExits() throws {
        guard let result = try TestMachines.run(try TestMachines.fixture(.portExitLoop, arguments: [Self.loops])) else { return }
        let counters = result.counters[0]
        // The loop's OUTs plus the exit hypercall.
        #expect(counters[.exitsIO] == Self.loops + 1)
        #expect(counters[.ioBytes] == Self.loops + 4)
        #expect(result.exitsByReason["io"] == Self.loops + 1)
        let run = Double(try #require(counters[.runNanoseconds]))
        let handling = Double(try #require(counters[.exitHandlingNanoseconds]))
        let cpu = counters[.hostTaskClockNanoseconds].map { String(format: ", vCPU thread CPU time %.2f µs", Double($0) / Double(Self.loops) / 1000) } ?? ""
        let delay = counters[.hostStealNanoseconds].map { String(format: ", run delay %.2f µs", Double($0) / Double(Self.loops) / 1000) } ?? ""
        print("port I/O exit round trip: \(String(format: "%.2f", Double(result.hostWallNanoseconds) / Double(Self.loops) / 1000)) µs "
              + "(in KVM_RUN \(String(format: "%.2f", run / Double(Self.loops) / 1000)) µs, handling \(String(format: "%.2f", handling / Double(Self.loops) / 1000)) µs\(cpu)\(delay))")
    }

    @Test("every trapped RDMSR of a counter is one MSR exit")
    func msrExits() throws {
        let loops: UInt64 = 200
        guard let result = try TestMachines.run(try TestMachines.fixture(.msrExitLoop, arguments: [loops])) else { return }
        #expect(result.counters[0][.exitsMSR] == loops)
        #expect(result.exitsByReason["rdmsr"] == loops)
        print("counter read through INT3 + RDMSR exit: \(String(format: "%.2f", Double(result.hostWallNanoseconds) / Double(loops) / 1000)) µs")
    }

    @Test("the guest's EXIT_LOOP makes exactly K exits of its kind between its first and last exit", arguments: Workload.ExitLoopKind.allCases)
    func guestExitLoop(kind: Workload.ExitLoopKind) throws {
        let count: UInt64 = kind == .portIO ? 1000 : 100
        var configuration = MachineConfiguration(workload: .exitLoop(kind: kind, count: count, target: kind == .portIO ? 0x80 : UInt64(VirtualCounter.runNanoseconds.msr)))
        configuration.memoryBytes = 32 << 20
        guard let result = try TestMachines.run(configuration) else { return }
        #expect(result.reports[0].exitStatus == 0)
        switch kind {
        case .portIO: #expect(result.exitsByReason == ["io": count + 1])
        case .rdmsr: #expect(result.exitsByReason == ["io": 1, "rdmsr": count])
        }
        let first = try #require(result.firstExitNanoseconds)
        let last = try #require(result.lastExitNanoseconds)
        #expect(first <= last && last <= result.hostWallNanoseconds)
        print("guest EXIT_LOOP \(kind): \(String(format: "%.2f", Double(last - first) / Double(count) / 1000)) µs per exit (first to last exit)")
    }

    @Test("a NOP guest: VM set-up and start-up to the first exit")
    func startUp() throws {
        var configuration = MachineConfiguration(workload: .nop)
        configuration.memoryBytes = 64 << 20
        guard let result = try TestMachines.run(configuration) else { return }
        #expect(result.reports[0].exitStatus == 0)
        let firstExit = try #require(result.firstExitNanoseconds)
        #expect(firstExit <= result.hostWallNanoseconds)
        print("VM set-up \(String(format: "%.2f", Double(result.setupNanoseconds) / 1e6)) ms, first exit after "
              + "\(String(format: "%.2f", Double(firstExit) / 1e6)) ms, whole NOP run \(String(format: "%.2f", Double(result.hostWallNanoseconds) / 1e6)) ms")
    }
}
