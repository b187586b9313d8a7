import CGuestABI
import Foundation
import VMM

/// PerfV's side of the exit comparison: the guest runtime's exit-loop workload (K exits
/// of one kind from CPL3 and nothing else), requested from the guest helper in
/// notes/abi-changes.md as PERFV_WORKLOAD_EXIT_LOOP = 7 (arg0 = kind, arg1 = K,
/// arg2 = port or MSR). Until the guest runtime has it, its runs end with
/// PERFV_EXIT_BAD_ARGUMENTS, which becomes a typed "unavailable" reason.
enum ExitLoopWorkload {
    static let number: UInt32 = 7

    static func workload(kind: KVMLoopBaseline.Kind, count: UInt64) -> Workload {
        let target = kind == .portIO ? UInt64(KVMLoopBaseline.loopPort) : UInt64(KVMLoopBaseline.msr)
        return .raw(number: number, arguments: [UInt64(kind.rawValue), count, target])
    }

    /// What one run of the loop took on the host.
    struct Span {
        /// ns from vCPU 0's first exit to the end of the run
        /// (`RunResult.hostWallNanoseconds - firstExitNanoseconds`): K exit round trips
        /// plus the fixed cost of ending the run.
        var wall: Double
        /// The vCPU thread's CPU time over its whole life (the host_task_clock_ns virtual
        /// counter, perf_event task-clock, which includes guest time); nil when unavailable.
        var threadCPU: Double?
    }

    /// Runs one VM with the loop. Checks that the guest made exactly the exits the loop should.
    static func span(kind: KVMLoopBaseline.Kind, count: UInt64, settings: BenchmarkSettings) throws -> Span {
        var configuration = MachineConfiguration(workload: workload(kind: kind, count: count))
        configuration.memoryBytes = settings.guestRAMBytes
        configuration.timeoutSeconds = 600
        configuration.pinnedCPUs = settings.pinnedCPU.map { [$0] }
        let result: RunResult
        do {
            result = try Machine(configuration).run()
        } catch let VMMError.guestExitStatus(_, status, console) where status == UInt64(PERFV_EXIT_BAD_ARGUMENTS.rawValue) {
            throw BenchmarkError.unavailable(
                "the guest runtime does not run workload \(number) (EXIT_LOOP, requested in notes/abi-changes.md): "
                    + "it exited BAD_ARGUMENTS\(console.isEmpty ? "" : ", console: \(console.trimmingCharacters(in: .whitespacesAndNewlines))")")
        }
        let io = result.exitsByReason["io", default: 0]
        let rdmsr = result.exitsByReason["rdmsr", default: 0]
        let expected: (io: UInt64, rdmsr: UInt64) = kind == .portIO ? (count + 1, 0) : (1, count)
        guard io == expected.io, rdmsr == expected.rdmsr, result.exitsTotal == io + rdmsr else {
            throw BenchmarkError.unexpectedGuestRun(
                "expected \(expected.io) port I/O and \(expected.rdmsr) RDMSR exits (the loop and the exit hypercall), "
                    + "saw \(result.exitsByReason)")
        }
        guard let firstExit = result.firstExitNanoseconds, firstExit <= result.hostWallNanoseconds else {
            throw BenchmarkError.unexpectedGuestRun("the run recorded no first exit")
        }
        return Span(wall: Double(result.hostWallNanoseconds - firstExit),
                    threadCPU: result.counters[0][.hostTaskClockNanoseconds].map(Double.init))
    }
}
