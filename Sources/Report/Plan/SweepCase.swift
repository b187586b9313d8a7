/// One configuration of a sweep; it runs ``SweepPlan/warmups`` discarded times,
/// then ``SweepPlan/repetitions`` measured times.
public struct SweepCase: Codable, Hashable, Sendable {
    public var workload: Workload
    public var side: Side
    public var contention: Contention
    /// MMM only.
    public var kernel: MMMKernel?
    /// MMM only: the matrices are `size`×`size` doubles.
    public var size: Int?
    /// I/O only.
    public var ioMode: IOMode?
    /// I/O only: bytes per block request.
    public var blockSize: Int?
    /// I/O only: blocks written, then read back.
    public var blockCount: Int?

    public static func mmm(size: Int, kernel: MMMKernel, side: Side, contention: Contention) -> SweepCase {
        SweepCase(workload: .mmm, side: side, contention: contention, kernel: kernel, size: size)
    }

    public static func io(blockCount: Int, blockSize: Int, mode: IOMode, side: Side) -> SweepCase {
        SweepCase(workload: .io, side: side, contention: .none, ioMode: mode, blockSize: blockSize, blockCount: blockCount)
    }

    /// A stable key, e.g. `mmm/naive/512/guest/pinned-hog` or `io/batched/4096x1024/guest`.
    public var id: String {
        switch workload {
        case .mmm:
            return "mmm/\(kernel?.rawValue ?? "?")/\(size ?? 0)/\(side.rawValue)/\(contention.rawValue)"
        case .io:
            return "io/\(ioMode?.rawValue ?? "?")/\(blockSize ?? 0)x\(blockCount ?? 0)/\(side.rawValue)"
        }
    }

    /// The same case on the other side of the comparison (guest ↔ host, uncontended),
    /// used to compute the virtualization overhead.
    public var hostBaseline: SweepCase {
        switch workload {
        case .mmm: return .mmm(size: size ?? 0, kernel: kernel ?? .naive, side: .host, contention: contention)
        case .io: return .io(blockCount: blockCount ?? 0, blockSize: blockSize ?? 0, mode: .syscall, side: .host)
        }
    }

    /// A short human label for progress lines and tables.
    public var label: String {
        switch workload {
        case .mmm:
            let load = contention == .none ? "" : " +hog"
            return "MMM \(kernel?.rawValue ?? "?") N=\(size ?? 0) \(side.rawValue)\(load)"
        case .io:
            return "I/O \(ByteCountText.short(blockSize ?? 0)) ×\(blockCount ?? 0) \(side.rawValue) \(ioMode?.rawValue ?? "?")"
        }
    }

    /// A rough duration of one run in nanoseconds, from figures measured on a 2-core
    /// cloud VM (≈0.2 ns per multiply-add, ≈5 ms to start a VM, ≈40 µs per exit). Used
    /// only to apportion the estimated time left before the real durations are known.
    var estimatedNanoseconds: Double {
        let vmStart = side == .guest ? 5e6 : 0
        switch workload {
        case .mmm:
            let n = Double(size ?? 0)
            let work = n * n * n * 0.2 * (kernel == .blocked ? 1.5 : 1.0)
            return work * (contention == .none ? 1 : 2) + vmStart
        case .io:
            let blocks = Double(blockCount ?? 0)
            // Filling, copying and checking the data, then the requests themselves.
            let bytes = 2 * blocks * Double(blockSize ?? 0) * 5
            let requests = 2 * blocks * (ioMode == .perRequest ? 40e3 : 1e3)
            return bytes + requests + vmStart
        }
    }
}
