import VMM

/// One configuration of a sweep, each kind with its own data; it runs
/// ``SweepPlan/warmups`` discarded times, then ``SweepPlan/repetitions`` measured times.
public enum SweepCase: Hashable, Sendable {
    case mmm(MMMCase)
    case io(IOCase)
    case net(NetCase)

    /// The kinds of work a sweep measures (`--workloads`, results' `workload` field).
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// Dense double-precision matrix multiplication, N×N (CKernels' `perfv_mmm_*`).
        case mmm
        /// Write then read M blocks of B bytes: pwrite/pread on the host, the block device in the guest.
        case io
        /// Send P UDP datagrams of S bytes to 127.0.0.1: send(2) on the host, the network device in the guest.
        case net
    }

    public static func mmm(size: Int, kernel: Workload.MMMKernel, side: Side, contention: Contention) -> SweepCase {
        .mmm(MMMCase(size: size, kernel: kernel, side: side, contention: contention))
    }

    public static func io(blockCount: Int, blockSize: Int, route: IORoute) -> SweepCase {
        .io(IOCase(blockCount: blockCount, blockSize: blockSize, route: route))
    }

    public static func net(packetCount: Int, packetSize: Int, route: NetRoute) -> SweepCase {
        .net(NetCase(packetCount: packetCount, packetSize: packetSize, route: route))
    }

    public var kind: Kind {
        switch self {
        case .mmm: return .mmm
        case .io: return .io
        case .net: return .net
        }
    }

    public var side: Side {
        switch self {
        case let .mmm(mmm): return mmm.side
        case let .io(io): return io.route.side
        case let .net(net): return net.route.side
        }
    }

    /// I/O and network runs never have a hog.
    public var contention: Contention {
        switch self {
        case let .mmm(mmm): return mmm.contention
        case .io, .net: return .none
        }
    }

    /// A stable key, e.g. `mmm/naive/512/guest/pinned-hog`, `io/batched/4096x1024/guest` or `net/per-packet/64x2048/guest`.
    public var id: String {
        switch self {
        case let .mmm(mmm):
            return "mmm/\(mmm.kernel.rawValue)/\(mmm.size)/\(mmm.side.rawValue)/\(mmm.contention.rawValue)"
        case let .io(io):
            return "io/\(io.route.name)/\(io.blockSize)x\(io.blockCount)/\(io.route.side.rawValue)"
        case let .net(net):
            return "net/\(net.route.name)/\(net.packetSize)x\(net.packetCount)/\(net.route.side.rawValue)"
        }
    }

    /// The same case on the other side of the comparison (guest ↔ host, uncontended),
    /// used to compute the virtualization overhead.
    public var hostBaseline: SweepCase {
        switch self {
        case let .mmm(mmm): return .mmm(size: mmm.size, kernel: mmm.kernel, side: .host, contention: mmm.contention)
        case let .io(io): return .io(blockCount: io.blockCount, blockSize: io.blockSize, route: .systemCalls)
        case let .net(net): return .net(packetCount: net.packetCount, packetSize: net.packetSize, route: .socket)
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
        case let .net(net):
            return "Net \(ByteCountText.short(net.packetSize)) ×\(net.packetCount) \(net.route.side.rawValue) \(net.route.name)"
        }
    }

    /// Bytes of workload data one run holds, on either side: three N×N matrices of
    /// doubles (MMM), or every block (I/O, both sides keep them all to verify them), or
    /// every packet (network: both sides fill them all before the timed sends).
    /// Saturates at Int.max instead of overflowing.
    public var dataBytes: Int {
        let factors = switch self {
        case let .mmm(mmm): [3, mmm.size, mmm.size, MemoryLayout<Double>.stride]
        case let .io(io): [io.blockCount, io.blockSize]
        case let .net(net): [net.packetCount, net.packetSize]
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
        case let .net(net):
            // Filling the packets, then one send each, plus one exit each when the guest rings per packet.
            let packets = Double(net.packetCount)
            let exits = net.route == .guest(.perPacket) ? 40e3 : net.route == .guest(.batched) ? 40e3 / Double(NetCase.batchPackets) : 0
            return packets * Double(net.packetSize) * 5 + packets * (5e3 + exits) + vmStart
        }
    }
}
