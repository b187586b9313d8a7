/// Comparison 5: one exit round trip (guest exits → user space handles it → KVM_RUN
/// again) through PerfV's VMM against the minimal C KVM loop, both running the same
/// guest situation: a CPL3 loop of `outb` to port 0x80, or of INT3 system calls whose
/// CPL0 handler does RDMSR of a filtered MSR (the same eight CPL0 instructions on both
/// sides). See Benchmarks/CBaselines/include/perfv_kvm_loop.h.
struct ExitRoundTripBenchmarks {
    let settings: BenchmarkSettings

    static let group = "5. VMM exit round trip"

    func rows() -> [BenchmarkRow] {
        [row(.portIO), row(.rdmsr)]
    }

    private func row(_ kind: KVMLoopBaseline.Kind) -> BenchmarkRow {
        let name = kind == .portIO ? "vmm_exit.port_io" : "vmm_exit.rdmsr"
        let what = kind == .portIO
            ? "CPL3 outb to port 0x80"
            : "CPL3 INT3 → CPL0 RDMSR 0x\(String(KVMLoopBaseline.msr, radix: 16)) (user-space MSR exit)"
        let perfv = "PerfV VMM (Machine, vCPU thread): \(what)"
        let baseline = "minimal C KVM loop (same thread): \(what)"
        let count = settings.exitsPerRun
        do {
            // Fail early and clearly if either side cannot run at all.
            _ = try ExitLoopWorkload.span(kind: kind, count: 1, settings: settings)
            _ = try KVMLoopBaseline(kind: kind, count: 1, ramBytes: settings.guestRAMBytes).run()

            let samples = try SideBySide.measure(repetitions: settings.exitRepetitions, [
                { try ExitLoopWorkload.span(kind: kind, count: count, settings: settings) },
                { try ExitLoopWorkload.span(kind: kind, count: 0, settings: settings) },
                { try baselineNanosecondsPerExit(kind, count: count) },
            ])
            // (span with K exits − span with none) / K: the fixed cost of ending a run cancels.
            let perfvPerExit = zip(samples[0], samples[1]).map { ($0 - $1) / Double(count) }
            return try BenchmarkRow(
                name: name, group: Self.group, perfv: perfv, baseline: baseline,
                samples: PairedSamples(perfv: perfvPerExit, baseline: samples[2]), target: .atMost(1.10),
                note: "\(count) exits per run; PerfV: (run span with K exits − with 0) / K, baseline: (done exit − first exit) / K")
        } catch {
            return BenchmarkRow(unavailable: name, group: Self.group, perfv: perfv, baseline: baseline,
                                target: .atMost(1.10), reason: "\(error)")
        }
    }

    /// One baseline run: (done exit − first exit) / K; VM creation is not timed.
    private func baselineNanosecondsPerExit(_ kind: KVMLoopBaseline.Kind, count: UInt64) throws -> Double {
        let loop = try KVMLoopBaseline(kind: kind, count: count, ramBytes: settings.guestRAMBytes)
        let timing = try loop.run()
        return Double(timing.done_exit_ns - timing.first_exit_ns) / Double(count)
    }
}
