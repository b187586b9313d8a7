import CBaselines
import CGuestABI

/// The minimal C KVM loop (Benchmarks/CBaselines/kvm_loop.c) as an owning Swift object:
/// perfv_kvm_loop_create in init, perfv_kvm_loop_destroy in deinit.
final class KVMLoopBaseline {
    enum Kind: UInt32 {
        case portIO = 0 // PERFV_KVM_LOOP_PORT_IO
        case rdmsr = 1  // PERFV_KVM_LOOP_RDMSR
    }

    /// The port the loop writes and the port that ends the run; the same as the
    /// PerfV exit-loop run uses (an unassigned port, dropped by both VMMs).
    static let loopPort: UInt16 = 0x80
    static let donePort: UInt16 = 0x81
    /// The MSR both sides read: PerfV's exits_total counter, in PerfV's filtered MSR block.
    static let msr = PERFV_MSR_COUNTER0 + UInt32(PERFV_CTR_EXITS_TOTAL.rawValue)

    private let loop: OpaquePointer

    /// perfv_kvm_loop_create: the VM, its memory, MSR filter, guest tables and vCPU, ready to run.
    init(kind: Kind, count: UInt64, ramBytes: UInt64, kvmPath: String = "/dev/kvm") throws {
        var error = perfv_kvm_loop_error()
        let created: OpaquePointer? = kvmPath.withCString { path in
            var config = perfv_kvm_loop_config(
                kvm_path: path, ram_bytes: ramBytes, kind: kind.rawValue, count: count, port: Self.loopPort,
                done_port: Self.donePort, msr: Self.msr, msr_filter_base: PERFV_MSR_BASE,
                msr_filter_count: 2 + PERFV_COUNTER_COUNT.rawValue, msr_value: 0)
            return perfv_kvm_loop_create(&config, &error)
        }
        guard let created else { throw BenchmarkError.kvmLoop(error) }
        loop = created
    }

    deinit { perfv_kvm_loop_destroy(loop) }

    /// Runs the guest to its done OUT; the CLOCK_MONOTONIC landmarks and exit counts.
    func run() throws -> perfv_kvm_loop_timing {
        var timing = perfv_kvm_loop_timing()
        var error = perfv_kvm_loop_error()
        guard perfv_kvm_loop_run(loop, &timing, &error) == 0 else { throw BenchmarkError.kvmLoop(error) }
        return timing
    }
}
