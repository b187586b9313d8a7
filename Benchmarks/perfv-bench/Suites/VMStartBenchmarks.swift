import Report
import VMM

/// Comparison 6: how long a VM takes from nothing to a finished trivial payload, and
/// how much resident host memory one VM costs beyond the guest RAM it touched, against
/// the minimal C KVM loop doing the same with the same amount of guest RAM.
struct VMStartBenchmarks {
    let settings: BenchmarkSettings

    static let group = "6. VM start and memory"
    static let perfvStart = "Machine(NOP workload).run(): create VM, boot supervisor, CPL3 NOP, exit hypercall, threads joined"
    static let baselineStart = "minimal C KVM loop: create VM + vCPU, run to its first OUT (CPL0 stub → CPL3 → OUT)"
    static let perfvMemory = "RSS growth with a finished Machine alive, minus its touched guest RAM"
    static let baselineMemory = "RSS growth with a finished C loop VM alive, minus its touched guest RAM"

    /// Guest RAM of the memory rows: an unusual size, so its mapping is easy to find in smaps.
    var memoryRAMBytes: UInt64 { settings.guestRAMBytes + (2 << 20) }

    func rows() -> [BenchmarkRow] {
        // Memory first: its first VM is then the process's first (see the row's note).
        [memoryRow(), startRow()]
    }

    private func startRow() -> BenchmarkRow {
        do {
            // Warm-up: the first VM of a process pays one-time costs (image decoding, thread pools).
            _ = try perfvStart()
            _ = try baselineStartNanoseconds()
            var setup: [Double] = [], firstExit: [Double] = []
            let samples = try SideBySide.measure(repetitions: settings.startRepetitions, [
                {
                    let start = try perfvStart()
                    setup.append(start.setup)
                    firstExit.append(start.firstExit)
                    return start.total
                },
                { try baselineStartNanoseconds() },
            ])
            return try BenchmarkRow(
                name: "vm_start.nop", group: Self.group, perfv: Self.perfvStart, baseline: Self.baselineStart,
                samples: PairedSamples(perfv: samples[0], baseline: samples[1]),
                note: "\(settings.guestRAMBytes >> 20) MiB guest RAM on both sides; PerfV medians: building the VM "
                    + "(Machine.init) \(Format.duration(nanoseconds: try Summary(samples: setup).median)), vCPU thread start to "
                    + "the exit hypercall \(Format.duration(nanoseconds: try Summary(samples: firstExit).median)); no target")
        } catch {
            return BenchmarkRow(unavailable: "vm_start.nop", group: Self.group, perfv: Self.perfvStart,
                                baseline: Self.baselineStart, reason: "\(error)")
        }
    }

    private func memoryRow() -> BenchmarkRow {
        do {
            // The first VM of the process also pays for heap growth and cached thread stacks;
            // the repetitions after it show the steady per-VM cost.
            let firstPerfV = try perfvMemory().overhead
            let firstBaseline = try baselineMemory().overhead
            var perfvTouched: [Double] = [], baselineTouched: [Double] = []
            let samples = try SideBySide.measure(repetitions: settings.startRepetitions, [
                {
                    let (overhead, touched) = try perfvMemory()
                    perfvTouched.append(touched)
                    return overhead
                },
                {
                    let (overhead, touched) = try baselineMemory()
                    baselineTouched.append(touched)
                    return overhead
                },
            ])
            let touchedPerfV = try Summary(samples: perfvTouched).median
            let touchedBaseline = try Summary(samples: baselineTouched).median
            return try BenchmarkRow(
                name: "vm_memory.overhead", group: Self.group, perfv: Self.perfvMemory, baseline: Self.baselineMemory,
                unit: .bytes, samples: PairedSamples(perfv: samples[0], baseline: samples[1]),
                note: "\(memoryRAMBytes >> 20) MiB guest RAM; touched guest RAM (not in the figures): PerfV "
                    + "\(Format.bytes(touchedPerfV)), baseline \(Format.bytes(touchedBaseline)); the first VM of the "
                    + "process (not in the figures) added PerfV \(Format.bytes(firstPerfV)), baseline "
                    + "\(Format.bytes(firstBaseline)); KVM's kernel memory "
                    + "(shadow page tables, vCPU state) is not in RSS; no target")
        } catch {
            return BenchmarkRow(unavailable: "vm_memory.overhead", group: Self.group, perfv: Self.perfvMemory,
                                baseline: Self.baselineMemory, unit: .bytes, reason: "\(error)")
        }
    }

    private func nopConfiguration(ramBytes: UInt64) -> MachineConfiguration {
        var configuration = MachineConfiguration(workload: .nop)
        configuration.memoryBytes = ramBytes
        configuration.pinnedCPUs = settings.pinnedCPU.map { [$0] }
        return configuration
    }

    /// ns from creating the Machine to run() returning, and its parts as the VMM reports them.
    private func perfvStart() throws -> (total: Double, setup: Double, firstExit: Double) {
        let configuration = nopConfiguration(ramBytes: settings.guestRAMBytes)
        let start = BatchTimer.monotonicNanoseconds()
        let machine = try Machine(configuration)
        let result = try machine.run()
        let end = BatchTimer.monotonicNanoseconds()
        guard let firstExit = result.firstExitNanoseconds else {
            throw BenchmarkError.unexpectedGuestRun("the NOP run recorded no exit")
        }
        return (Double(end - start), Double(result.setupNanoseconds), Double(firstExit))
    }

    private func baselineStartNanoseconds() throws -> Double {
        let start = BatchTimer.monotonicNanoseconds()
        let loop = try KVMLoopBaseline(kind: .portIO, count: 0, ramBytes: settings.guestRAMBytes)
        let timing = try loop.run()
        return Double(Int64(timing.done_exit_ns) - start)
    }

    /// (RSS growth − touched guest RAM, touched guest RAM) with a finished Machine alive.
    private func perfvMemory() throws -> (overhead: Double, touched: Double) {
        let mappingsBefore = try ResidentMemory.mappings()
        let before = try ResidentMemory.residentBytes()
        let machine = try Machine(nopConfiguration(ramBytes: memoryRAMBytes))
        _ = try machine.run()
        let after = try ResidentMemory.residentBytes()
        let touched = try ResidentMemory.residentBytesOfNewMapping(
            size: memoryRAMBytes, before: mappingsBefore, after: ResidentMemory.mappings())
        withExtendedLifetime(machine) {}
        return (Double(Int64(after) - Int64(before) - Int64(touched)), Double(touched))
    }

    private func baselineMemory() throws -> (overhead: Double, touched: Double) {
        let mappingsBefore = try ResidentMemory.mappings()
        let before = try ResidentMemory.residentBytes()
        let loop = try KVMLoopBaseline(kind: .portIO, count: 0, ramBytes: memoryRAMBytes)
        _ = try loop.run()
        let after = try ResidentMemory.residentBytes()
        let touched = try ResidentMemory.residentBytesOfNewMapping(
            size: memoryRAMBytes, before: mappingsBefore, after: ResidentMemory.mappings())
        withExtendedLifetime(loop) {}
        return (Double(Int64(after) - Int64(before) - Int64(touched)), Double(touched))
    }
}
