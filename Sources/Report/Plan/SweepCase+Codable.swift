import VMM

/// A case is stored flat, as results.json and results.csv have always had it
/// (`workload`, `side`, `contention`, `kernel`, `size`, `io_mode`, `block_size`,
/// `block_count`, `net_mode`, `packet_size`, `packet_count`), so a ``RunRecord`` writes its case's fields beside its own.
extension SweepCase: Codable {
    enum CodingKeys: String, CodingKey {
        case workload, side, contention, kernel, size
        case ioMode = "io_mode", blockSize = "block_size", blockCount = "block_count"
        case netMode = "net_mode", packetSize = "packet_size", packetCount = "packet_count"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .workload) {
        case .mmm:
            self = .mmm(size: try c.decode(Int.self, forKey: .size), kernel: try c.decode(Workload.MMMKernel.self, forKey: .kernel),
                        side: try c.decode(Side.self, forKey: .side), contention: try c.decode(Contention.self, forKey: .contention))
        case .io:
            let name = try c.decode(String.self, forKey: .ioMode)
            guard let route = IORoute(name: name) else {
                throw DecodingError.dataCorruptedError(forKey: .ioMode, in: c, debugDescription: "unknown I/O mode \(name)")
            }
            if let side = try c.decodeIfPresent(Side.self, forKey: .side), side != route.side {
                throw DecodingError.dataCorruptedError(forKey: .side, in: c, debugDescription: "I/O mode \(name) runs on the \(route.side.rawValue), not the \(side.rawValue)")
            }
            self = .io(blockCount: try c.decode(Int.self, forKey: .blockCount), blockSize: try c.decode(Int.self, forKey: .blockSize), route: route)
        case .net:
            let name = try c.decode(String.self, forKey: .netMode)
            guard let route = NetRoute(name: name) else {
                throw DecodingError.dataCorruptedError(forKey: .netMode, in: c, debugDescription: "unknown network mode \(name)")
            }
            if let side = try c.decodeIfPresent(Side.self, forKey: .side), side != route.side {
                throw DecodingError.dataCorruptedError(forKey: .side, in: c, debugDescription: "network mode \(name) runs on the \(route.side.rawValue), not the \(side.rawValue)")
            }
            self = .net(packetCount: try c.decode(Int.self, forKey: .packetCount), packetSize: try c.decode(Int.self, forKey: .packetSize), route: route)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .workload)
        try c.encode(side, forKey: .side)
        try c.encode(contention, forKey: .contention)
        switch self {
        case let .mmm(mmm):
            try c.encode(mmm.kernel, forKey: .kernel)
            try c.encode(mmm.size, forKey: .size)
        case let .io(io):
            try c.encode(io.route.name, forKey: .ioMode)
            try c.encode(io.blockSize, forKey: .blockSize)
            try c.encode(io.blockCount, forKey: .blockCount)
        case let .net(net):
            try c.encode(net.route.name, forKey: .netMode)
            try c.encode(net.packetSize, forKey: .packetSize)
            try c.encode(net.packetCount, forKey: .packetCount)
        }
    }
}
