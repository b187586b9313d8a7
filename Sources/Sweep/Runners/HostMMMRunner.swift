import CKernels
import PerfV
import Report
import VMM

/// Runs one MMM kernel on the host: the same C source and flags the guest runs
/// (Sources/CKernels), timed by a PerfV ``Region`` around the multiply only.
final class HostMMMRunner {
    /// Tile edge of the blocked kernel; the guest is given the same value.
    static let blockSize: UInt32 = 32

    let size: Int
    let kernel: Workload.MMMKernel
    private let a: UnsafeMutablePointer<Double>
    private let b: UnsafeMutablePointer<Double>
    private let c: UnsafeMutablePointer<Double>

    /// Allocates the three N×N matrices, 64-byte aligned as in the guest.
    init(size: Int, kernel: Workload.MMMKernel) throws {
        let bytes = SweepCase.mmm(size: size, kernel: kernel, side: .host, contention: .none).dataBytes
        try HostMemory.check(bytes, for: "three \(size)×\(size) matrices")
        self.size = size
        self.kernel = kernel
        let count = size * size
        func matrix() -> UnsafeMutablePointer<Double> {
            UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Double>.stride, alignment: 64)
                .bindMemory(to: Double.self, capacity: count)
        }
        a = matrix()
        b = matrix()
        c = matrix()
    }

    deinit {
        a.deallocate()
        b.deallocate()
        c.deallocate()
    }

    /// Initializes A, B and C (perfv_mmm_init, not timed), multiplies inside `region`,
    /// and returns the measurement with the FNV-1a 64 checksum of C.
    func run(in region: Region) throws -> (measurement: RegionMeasurement, checksum: UInt64) {
        let n = UInt32(size)
        perfv_mmm_init(n, a, b, c)
        try region.begin()
        switch kernel {
        case .naive: perfv_mmm_naive(n, a, b, c, 0, n)
        case .blocked: perfv_mmm_blocked(n, a, b, c, Self.blockSize, 0, n)
        }
        let measurement = try region.end()
        let checksum = perfv_fnv1a64(c, size * size * MemoryLayout<Double>.stride)
        return (measurement, checksum)
    }
}
