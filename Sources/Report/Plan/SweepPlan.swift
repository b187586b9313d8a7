import VMM

/// What a sweep runs: the workloads, their parameters and how often each runs.
///
/// ``cases`` expands the plan into one ``SweepCase`` per configuration;
/// ``validate()`` rejects a plan that cannot run before any work starts.
public struct SweepPlan: Codable, Equatable, Sendable {
    public var workloads: [SweepCase.Kind]
    public var sides: [Side]
    public var mmmSizes: [Int]
    public var mmmKernels: [Workload.MMMKernel]
    public var contention: [Contention]
    public var ioBlockSizes: [Int]
    public var ioBlockCount: Int
    /// Guest I/O modes; the host always uses ``IORoute/systemCalls``.
    public var ioModes: [Workload.IOMode]
    /// Datagram payload sizes in bytes (network cases).
    public var netPacketSizes: [Int]
    /// Datagrams sent per run.
    public var netPacketCount: Int
    /// Guest network modes; the host always uses ``NetRoute/socket``.
    public var netModes: [Workload.NetMode]
    /// Measured runs per case.
    public var repetitions: Int
    /// Discarded runs per case before the measured ones (caches, page faults, VM start paths).
    public var warmups: Int
    /// How long one VM run may take before the VMM's watchdog stops it.
    public var guestTimeoutSeconds: Double
    /// Calibration: port-I/O exits the exit-cost calibration runs make (0 skips it).
    public var calibrationExits: Int

    /// The default sweep: finishes in about two minutes on a 2-core machine.
    public static let standard = SweepPlan(
        workloads: [.mmm, .io, .net],
        sides: [.host, .guest],
        mmmSizes: [64, 128, 256, 512, 1024],
        mmmKernels: [.naive, .blocked],
        contention: [.none, .pinnedHog],
        ioBlockSizes: [512, 4096, 65536],
        ioBlockCount: 1024,
        ioModes: Workload.IOMode.allCases,
        netPacketSizes: [64, 1472],
        netPacketCount: 8192,
        netModes: Workload.NetMode.allCases,
        repetitions: 5,
        warmups: 1,
        guestTimeoutSeconds: 60,
        calibrationExits: 20_000
    )

    public init(
        workloads: [SweepCase.Kind], sides: [Side], mmmSizes: [Int], mmmKernels: [Workload.MMMKernel],
        contention: [Contention], ioBlockSizes: [Int], ioBlockCount: Int, ioModes: [Workload.IOMode],
        netPacketSizes: [Int] = [], netPacketCount: Int = 1, netModes: [Workload.NetMode] = Workload.NetMode.allCases,
        repetitions: Int, warmups: Int, guestTimeoutSeconds: Double,
        calibrationExits: Int
    ) {
        self.workloads = workloads
        self.sides = sides
        self.mmmSizes = mmmSizes
        self.mmmKernels = mmmKernels
        self.contention = contention
        self.ioBlockSizes = ioBlockSizes
        self.ioBlockCount = ioBlockCount
        self.ioModes = ioModes
        self.netPacketSizes = netPacketSizes
        self.netPacketCount = netPacketCount
        self.netModes = netModes
        self.repetitions = repetitions
        self.warmups = warmups
        self.guestTimeoutSeconds = guestTimeoutSeconds
        self.calibrationExits = calibrationExits
    }

    enum CodingKeys: String, CodingKey {
        case workloads, sides, mmmSizes = "mmm_sizes", mmmKernels = "mmm_kernels", contention
        case ioBlockSizes = "io_block_sizes", ioBlockCount = "io_block_count", ioModes = "io_modes"
        case netPacketSizes = "net_packet_sizes", netPacketCount = "net_packet_count", netModes = "net_modes"
        case repetitions, warmups
        case guestTimeoutSeconds = "guest_timeout_s", calibrationExits = "calibration_exits"
    }

    /// Plans written before the network cases existed have no `net_*` keys: they get
    /// the standard network parameters (and never ran them, since `workloads` lacks `net`).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let standard = SweepPlan.standard
        workloads = try c.decode([SweepCase.Kind].self, forKey: .workloads)
        sides = try c.decode([Side].self, forKey: .sides)
        mmmSizes = try c.decode([Int].self, forKey: .mmmSizes)
        mmmKernels = try c.decode([Workload.MMMKernel].self, forKey: .mmmKernels)
        contention = try c.decode([Contention].self, forKey: .contention)
        ioBlockSizes = try c.decode([Int].self, forKey: .ioBlockSizes)
        ioBlockCount = try c.decode(Int.self, forKey: .ioBlockCount)
        ioModes = try c.decode([Workload.IOMode].self, forKey: .ioModes)
        netPacketSizes = try c.decodeIfPresent([Int].self, forKey: .netPacketSizes) ?? standard.netPacketSizes
        netPacketCount = try c.decodeIfPresent(Int.self, forKey: .netPacketCount) ?? standard.netPacketCount
        netModes = try c.decodeIfPresent([Workload.NetMode].self, forKey: .netModes) ?? standard.netModes
        repetitions = try c.decode(Int.self, forKey: .repetitions)
        warmups = try c.decode(Int.self, forKey: .warmups)
        guestTimeoutSeconds = try c.decode(Double.self, forKey: .guestTimeoutSeconds)
        calibrationExits = try c.decode(Int.self, forKey: .calibrationExits)
    }

    /// Every configuration, MMM first (small to large), then I/O, then network.
    /// Guest cases are included only when `sides` contains `.guest`.
    public var cases: [SweepCase] {
        var result: [SweepCase] = []
        if workloads.contains(.mmm) {
            for size in mmmSizes {
                for kernel in mmmKernels {
                    for load in contention {
                        for side in sides {
                            result.append(.mmm(size: size, kernel: kernel, side: side, contention: load))
                        }
                    }
                }
            }
        }
        if workloads.contains(.io) {
            for blockSize in ioBlockSizes {
                if sides.contains(.host) {
                    result.append(.io(blockCount: ioBlockCount, blockSize: blockSize, route: .systemCalls))
                }
                if sides.contains(.guest) {
                    for mode in ioModes {
                        result.append(.io(blockCount: ioBlockCount, blockSize: blockSize, route: .guest(mode)))
                    }
                }
            }
        }
        if workloads.contains(.net) {
            for packetSize in netPacketSizes {
                if sides.contains(.host) {
                    result.append(.net(packetCount: netPacketCount, packetSize: packetSize, route: .socket))
                }
                if sides.contains(.guest) {
                    for mode in netModes {
                        result.append(.net(packetCount: netPacketCount, packetSize: packetSize, route: .guest(mode)))
                    }
                }
            }
        }
        return result
    }

    /// The same plan without guest runs (no usable /dev/kvm).
    public var hostOnly: SweepPlan {
        var plan = self
        plan.sides = sides.filter { $0 != .guest }
        return plan
    }

    /// The most workload data a one-vCPU PerfV VM can hold (the VMM's sizing rule).
    static let guestDataLimit = Int(MachineConfiguration.maximumDataBytes(vcpuCount: 1))

    /// Throws the first problem that would stop this plan from running: a ``PlanError``,
    /// or ``PlanError/insufficientMemory(what:bytes:available:)`` for host-side work
    /// beyond `availableMemory` bytes (nil: unknown, not checked).
    public func validate(availableMemory: Int? = HostMemory.availableBytes()) throws {
        if workloads.isEmpty { throw PlanError.empty("workloads") }
        if sides.isEmpty { throw PlanError.empty("sides") }
        if repetitions < 1 { throw PlanError.notPositive(name: "repetitions", value: repetitions) }
        if warmups < 0 { throw PlanError.negative(name: "warm-ups", value: warmups) }
        if workloads.contains(.mmm) {
            if mmmSizes.isEmpty { throw PlanError.empty("MMM sizes") }
            if mmmKernels.isEmpty { throw PlanError.empty("MMM kernels") }
            if contention.isEmpty { throw PlanError.empty("contention") }
            for size in mmmSizes where size <= 0 { throw PlanError.notPositive(name: "MMM size N", value: size) }
            for size in mmmSizes where size > PlanError.largestSize {
                throw PlanError.tooLarge(name: "MMM size N", value: size, limit: PlanError.largestSize)
            }
        }
        if workloads.contains(.io) {
            if ioBlockSizes.isEmpty { throw PlanError.empty("I/O block sizes") }
            if ioModes.isEmpty { throw PlanError.empty("I/O modes") }
            for size in ioBlockSizes where size <= 0 { throw PlanError.notPositive(name: "I/O block size", value: size) }
            if ioBlockCount <= 0 { throw PlanError.notPositive(name: "I/O block count", value: ioBlockCount) }
        }
        if workloads.contains(.net) {
            if netPacketSizes.isEmpty { throw PlanError.empty("network packet sizes") }
            if netModes.isEmpty { throw PlanError.empty("network modes") }
            for size in netPacketSizes where size < NetCase.smallestPacket {
                throw PlanError.tooSmall(name: "network packet size", value: size, limit: NetCase.smallestPacket)
            }
            for size in netPacketSizes where size > NetCase.largestPacket {
                throw PlanError.tooLarge(name: "network packet size", value: size, limit: NetCase.largestPacket)
            }
            if netPacketCount <= 0 { throw PlanError.notPositive(name: "network packet count", value: netPacketCount) }
            if netPacketCount > NetCase.largestCount {
                throw PlanError.tooLarge(name: "network packet count", value: netPacketCount, limit: NetCase.largestCount)
            }
        }
        if !MachineConfiguration.isValidTimeout(guestTimeoutSeconds) { throw PlanError.invalidTimeout(guestTimeoutSeconds) }
        if calibrationExits < 0 { throw PlanError.negative(name: "calibration exits", value: calibrationExits) }
        var checked = cases.map { ($0, $0.label) }
        if sides.contains(.host), sides.contains(.guest), calibrationExits > 0 {
            let calibration = ExitCostCalibration.cases(exits: calibrationExits)
            let label = "the exit-cost calibration (\(calibrationExits) exits)"
            checked += [(.io(calibration.host), label), (.io(calibration.guest), label)]
        }
        for (sweepCase, label) in checked {
            let needed = sweepCase.dataBytes
            switch sweepCase.side {
            case .host: try HostMemory.check(needed, for: label, available: availableMemory)
            case .guest: if needed > Self.guestDataLimit { throw PlanError.tooLargeForGuest(caseLabel: label, bytes: needed, limit: Self.guestDataLimit) }
            }
        }
    }
}
