import VMM

/// One configuration of a sweep, each kind with its own data; it runs
/// ``SweepPlan/warmups`` discarded times, then ``SweepPlan/repetitions`` measured times.
public enum SweepCase: Hashable, Sendable {
    case mmm(MMMCase)
    case io(IOCase)

    /// The kinds of work a sweep measures (`--workloads`, results' `workload` field).
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// Dense double-precision matrix multiplication, N×N (CKernels' `perfv_mmm_*`).
        case mmm
        /// Write then read M blocks of B bytes: pwrite/pread on the host, the block device in the guest.
        case io
    }

    public static func mmm(size: Int, kernel: Workload.MMMKernel, side: Side, contention: Contention) -> SweepCase {
        .mmm(MMMCase(size: size, kernel: kernel, side: side, contention: contention))
    }

    public static func io(blockCount: Int, blockSize: Int, route: IORoute) -> SweepCase {
        .io(IOCase(blockCount: blockCount, blockSize: blockSize, route: route))
    }

    public var kind: Kind {
        switch self {
        case .mmm: return .mmm
        case .io: return .io
        }
    }

    public var side: Side {
        switch self {
        case let .mmm(mmm): return mmm.side
        case let .io(io): return io.route.side
        }
    }

    /// I/O runs never have a hog.
    public var contention: Contention {
        switch self {
        case let .mmm(mmm): return mmm.contention
        case .io: return .none
        }
    }

    /// A stable key, e.g. `mmm/naive/512/guest/pinned-hog` or `io/batched/4096x1024/guest`.
    public var id: String {
        switch self {
        case let .mmm(mmm):
            return "mmm/\(mmm.kernel.rawValue)/\(mmm.size)/\(mmm.side.rawValue)/\(mmm.contention.rawValue)"
        case let .io(io):
            return "io/\(io.route.name)/\(io.blockSize)x\(io.blockCount)/\(io.route.side.rawValue)"
        }
    }

    /// The same case on the other side of the comparison (guest ↔ host, uncontended),
    /// used to compute the virtualization overhead.
    public var hostBaseline: SweepCase {
        switch self {
        case let .mmm(mmm): return .mmm(size: mmm.size, kernel: mmm.kernel, side: .host, contention: mmm.contention)
        case let .io(io): return .io(blockCount: io.blockCount, blockSize: io.blockSize, route: .systemCalls)
        }
    }

    /// A short human label for progress lines and tables.
    public var label: String {
        switch self {
        case let .mmm(mmm):
            let load = mmm.contention == .none ? "" : " +hog"
            return "MMM \(mmm.kernel.rawValue) N=\(mmm.size) \(mmm.side.rawValue)\(load)"
        case let .io(io):
            return "I/O \(ByteCountText.short(io.blockSize)) ×\(io.blockCount) \(io.route.side.rawValue) \(io.route.name)"
        }
    }

    /// Bytes of workload data one run holds, on either side: three N×N matrices of
    /// doubles (MMM), or every block (I/O, both sides keep them all to verify them).
    /// Saturates at Int.max instead of overflowing.
    public var dataBytes: Int {
        let factors = switch self {
        case let .mmm(mmm): [3, mmm.size, mmm.size, MemoryLayout<Double>.stride]
        case let .io(io): [io.blockCount, io.blockSize]
        }
        return factors.reduce(1) { product, factor in
            let (result, overflow) = product.multipliedReportingOverflow(by: factor)
            return overflow ? Int.max : result
        }
    }

    /// A rough duration of one run in nanoseconds, from figures measured on a 2-core
    /// cloud VM (≈0.2 ns per multiply-add, ≈5 ms to start a VM, ≈40 µs per exit). Used
    /// only to apportion the estimated time left before the real durations are known.
    package var estimatedNanoseconds: Double {
        let vmStart = side == .guest ? 5e6 : 0
        switch self {
        case let .mmm(mmm):
            let n = Double(mmm.size)
            let work = n * n * n * 0.2 * (mmm.kernel == .blocked ? 1.5 : 1.0)
            return work * (mmm.contention == .none ? 1 : 2) + vmStart
        case let .io(io):
            let blocks = Double(io.blockCount)
            // Filling, copying and checking the data, then the requests themselves.
            let bytes = 2 * blocks * Double(io.blockSize) * 5
            let requests = 2 * blocks * (io.route == .guest(.perRequest) ? 40e3 : 1e3)
            return bytes + requests + vmStart
        }
    }
}
