import CGuestABI
import CKernels
import VMM

/// Comparison 7: the same MMM kernel (Sources/CKernels, blocked, block 32, same source
/// and flags on both sides) at CPL3 in a PerfV guest and on the host. Guest time is the
/// guest's own kvmclock interval around the multiply (PERFV_RESULT_WALL_NS); host time
/// is CLOCK_MONOTONIC around the same call. Each side has one warm-up run per size;
/// both multiply freshly initialized matrices (perfv_mmm_init) and the checksums must match.
struct GuestEfficiencyBenchmarks {
    let settings: BenchmarkSettings

    static let group = "7. Guest efficiency (MMM)"
    static let blockSize: UInt32 = 32

    func rows() -> [BenchmarkRow] {
        settings.mmmSizes.map(row)
    }

    private func row(_ size: UInt32) -> BenchmarkRow {
        let name = "guest_efficiency.mmm_\(size)"
        let perfv = "MMM blocked N=\(size) at CPL3 in a PerfV guest (guest kvmclock around the multiply)"
        let baseline = "the same perfv_mmm_blocked N=\(size) on the host (CLOCK_MONOTONIC around the call)"
        do {
            let host = try HostMatrices(size: size)
            defer { host.deallocate() }
            let expected = host.multiply().checksum
            _ = try guestNanoseconds(size: size, expectedChecksum: expected)
            let samples = try SideBySide.measure(repetitions: settings.mmmRepetitions, [
                { try guestNanoseconds(size: size, expectedChecksum: expected) },
                {
                    let (nanoseconds, checksum) = host.multiply()
                    guard checksum == expected else {
                        throw BenchmarkError.unexpectedGuestRun("host MMM checksum changed between runs")
                    }
                    return nanoseconds
                },
            ])
            return try BenchmarkRow(
                name: name, group: Self.group, perfv: perfv, baseline: baseline,
                samples: PairedSamples(perfv: samples[0], baseline: samples[1]), ratioIs: .baselineOverPerfv,
                target: .atLeast(0.95), note: "ratio = host time / guest time")
        } catch {
            return BenchmarkRow(unavailable: name, group: Self.group, perfv: perfv, baseline: baseline,
                                ratioIs: .baselineOverPerfv, target: .atLeast(0.95), reason: "\(error)")
        }
    }

    private func guestNanoseconds(size: UInt32, expectedChecksum: UInt64) throws -> Double {
        var configuration = MachineConfiguration(workload: .mmm(size: size, kernel: .blocked, blockSize: Self.blockSize))
        configuration.memoryBytes = settings.guestRAMBytes
        configuration.timeoutSeconds = 600
        configuration.pinnedCPUs = settings.pinnedCPU.map { [$0] }
        let result = try Machine(configuration).run()
        guard let checksum = result.result(PERFV_RESULT_CHECKSUM), let wall = result.guestWallNanoseconds else {
            throw BenchmarkError.unexpectedGuestRun("the MMM guest reported no checksum or wall time")
        }
        guard checksum == expectedChecksum else {
            throw BenchmarkError.unexpectedGuestRun(
                "guest checksum 0x\(String(checksum, radix: 16)) differs from the host's 0x\(String(expectedChecksum, radix: 16))")
        }
        return Double(wall)
    }

    /// The host's A, B, C, 64-byte aligned like the guest's.
    private struct HostMatrices {
        let size: UInt32
        let a: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>, c: UnsafeMutablePointer<Double>

        init(size: UInt32) throws {
            self.size = size
            let count = Int(size) * Int(size)
            func allocate() -> UnsafeMutablePointer<Double> {
                UnsafeMutableRawPointer.allocate(byteCount: count * 8, alignment: 64).bindMemory(to: Double.self, capacity: count)
            }
            a = allocate()
            b = allocate()
            c = allocate()
        }

        func deallocate() {
            a.deallocate()
            b.deallocate()
            c.deallocate()
        }

        /// Initializes, then times only the multiply; returns ns and the checksum of C.
        func multiply() -> (nanoseconds: Double, checksum: UInt64) {
            perfv_mmm_init(size, a, b, c)
            let start = BatchTimer.monotonicNanoseconds()
            perfv_mmm_blocked(size, a, b, c, GuestEfficiencyBenchmarks.blockSize, 0, size)
            let end = BatchTimer.monotonicNanoseconds()
            return (Double(end - start), perfv_fnv1a64(c, Int(size) * Int(size) * 8))
        }
    }
}
