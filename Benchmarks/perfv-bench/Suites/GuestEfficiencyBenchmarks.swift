import Report
import CGuestABI
import CKernels
import PerfV
import VMM

/// Comparison 7: the same MMM kernel (Sources/CKernels, blocked, block 32, same source
/// and flags on both sides) at CPL3 in a PerfV guest and on the host. Guest time is the
/// guest's own kvmclock interval around the multiply (PERFV_RESULT_WALL_NS); host time
/// is a PerfV Region (CLOCK_MONOTONIC wall, and its steal-adjusted wall) around the
/// same call. Each side has one warm-up run per size; both multiply freshly
/// initialized matrices (perfv_mmm_init) and the checksums must match.
struct GuestEfficiencyBenchmarks {
    let settings: BenchmarkSettings

    static let group = "7. Guest efficiency (MMM)"
    static let blockSize: UInt32 = 32

    func rows() -> [BenchmarkRow] {
        settings.mmmSizes.flatMap(rows)
    }

    /// Two rows per size from the same runs: wall time (the target's figure) and
    /// steal-adjusted time (wall minus the time the thread waited for a CPU), which
    /// takes the machine's load out of both sides.
    private func rows(_ size: UInt32) -> [BenchmarkRow] {
        let name = "guest_efficiency.mmm_\(size)"
        let perfv = "MMM blocked N=\(size) at CPL3 in a PerfV guest, guest kvmclock wall around the multiply"
        let baseline = "the same perfv_mmm_blocked N=\(size) on the host, wall (CLOCK_MONOTONIC) around the call"
        let adjustedName = name + ".steal_adjusted"
        let adjustedPerfV = "same guest runs: PerfV's StealAdjustment over the guest's wall and kvm_steal_time steal"
        let adjustedBaseline = "same host runs: PerfV Region adjusted wall (wall − run delay − steal)"
        do {
            let host = HostMatrices(size: size)
            defer { host.deallocate() }
            let region = try Region()
            let expected = try host.multiply(in: region).checksum
            _ = try guestRun(size: size, expectedChecksum: expected)
            var guestAdjusted: [Double] = [], hostAdjusted: [Double] = []
            let samples = try SideBySide.measure(repetitions: settings.mmmRepetitions(size: size), [
                {
                    let (wall, adjusted) = try guestRun(size: size, expectedChecksum: expected)
                    guestAdjusted.append(adjusted)
                    return wall
                },
                {
                    let (measurement, checksum) = try host.multiply(in: region)
                    guard checksum == expected else {
                        throw BenchmarkError.unexpectedGuestRun("host MMM checksum changed between runs")
                    }
                    hostAdjusted.append(Double(measurement.adjustedWallNanoseconds))
                    return Double(measurement.wallNanoseconds)
                },
            ])
            var wallRow = try BenchmarkRow(
                name: name, group: Self.group, perfv: perfv, baseline: baseline,
                samples: PairedSamples(perfv: samples[0], baseline: samples[1]), ratioIs: .baselineOverPerfv,
                target: .atLeast(0.95), note: "ratio = host time / guest time")
            if wallRow.met == false {
                let guestWaited = try Summary(samples: zip(samples[0], guestAdjusted).map { $0 - $1 }).median
                let hostWaited = try Summary(samples: zip(samples[1], hostAdjusted).map { $0 - $1 }).median
                wallRow.note = "ratio = host time / guest time; missed on wall time: the median guest run waited "
                    + "\(Format.duration(nanoseconds: guestWaited)) for a CPU (steal), the median host run "
                    + "\(Format.duration(nanoseconds: hostWaited)) (run delay + steal); the .steal_adjusted row "
                    + "compares the time each side ran"
            }
            return [
                wallRow,
                try BenchmarkRow(
                    name: adjustedName, group: Self.group, perfv: adjustedPerfV, baseline: adjustedBaseline,
                    samples: PairedSamples(perfv: guestAdjusted, baseline: hostAdjusted), ratioIs: .baselineOverPerfv,
                    note: "ratio = host adjusted / guest adjusted; informative, takes host load out of both sides"),
            ]
        } catch {
            return [
                BenchmarkRow(unavailable: name, group: Self.group, perfv: perfv, baseline: baseline,
                             ratioIs: .baselineOverPerfv, target: .atLeast(0.95), reason: "\(error)"),
                BenchmarkRow(unavailable: adjustedName, group: Self.group, perfv: adjustedPerfV,
                             baseline: adjustedBaseline, ratioIs: .baselineOverPerfv, reason: "\(error)"),
            ]
        }
    }

    /// One guest run: (wall, steal-adjusted) ns of the multiply, checksum checked.
    private func guestRun(size: UInt32, expectedChecksum: UInt64) throws -> (wall: Double, adjusted: Double) {
        var configuration = MachineConfiguration(workload: .mmm(size: size, kernel: .blocked, blockSize: Self.blockSize))
        configuration.memoryBytes = settings.guestRAMBytes
        configuration.timeoutSeconds = 600
        configuration.pinnedCPUs = settings.pinnedCPU.map { [$0] }
        let result = try Machine(configuration).run()
        guard let checksum = result.result(PERFV_RESULT_CHECKSUM), let wall = result.guestWallNanoseconds,
              let adjusted = result.guestAdjustedNanoseconds else {
            throw BenchmarkError.unexpectedGuestRun("the MMM guest reported no checksum, wall or adjusted time")
        }
        guard checksum == expectedChecksum else {
            throw BenchmarkError.unexpectedGuestRun(
                "guest checksum 0x\(String(checksum, radix: 16)) differs from the host's 0x\(String(expectedChecksum, radix: 16))")
        }
        return (Double(wall), Double(adjusted))
    }

    /// The host's A, B, C, laid out as the guest lays them out from its 2 MiB-aligned
    /// heap_base: a 4 KiB sync block, then A, B, C each 64-byte aligned right after the
    /// previous one. Same offsets, same cache-set aliasing between the three matrices
    /// (at N = 512 they are exactly 2 MiB apart), so layout is not part of the ratio.
    private struct HostMatrices {
        let size: UInt32
        let block: UnsafeMutableRawPointer
        let a: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>, c: UnsafeMutablePointer<Double>

        static let heapAlignment = 2 << 20
        static let syncBlockBytes = 4096

        init(size: UInt32) {
            self.size = size
            let count = Int(size) * Int(size)
            let bytes = count * MemoryLayout<Double>.stride
            func alignedUp(_ value: Int) -> Int { (value + 63) & ~63 }
            let aOffset = Self.syncBlockBytes
            let bOffset = alignedUp(aOffset + bytes)
            let cOffset = alignedUp(bOffset + bytes)
            block = UnsafeMutableRawPointer.allocate(byteCount: cOffset + bytes, alignment: Self.heapAlignment)
            a = (block + aOffset).bindMemory(to: Double.self, capacity: count)
            b = (block + bOffset).bindMemory(to: Double.self, capacity: count)
            c = (block + cOffset).bindMemory(to: Double.self, capacity: count)
        }

        func deallocate() {
            block.deallocate()
        }

        /// Initializes, then times only the multiply in `region`; returns what the region
        /// measured and the checksum of C.
        func multiply(in region: Region) throws -> (measurement: RegionMeasurement, checksum: UInt64) {
            perfv_mmm_init(size, a, b, c)
            try region.begin()
            perfv_mmm_blocked(size, a, b, c, GuestEfficiencyBenchmarks.blockSize, 0, size)
            let measurement = try region.end()
            return (measurement, perfv_fnv1a64(c, Int(size) * Int(size) * 8))
        }
    }
}
