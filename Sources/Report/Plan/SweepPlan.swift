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
        workloads: [.mmm, .io],
        sides: [.host, .guest],
        mmmSizes: [64, 128, 256, 512, 1024],
        mmmKernels: [.naive, .blocked],
        contention: [.none, .pinnedHog],
        ioBlockSizes: [512, 4096, 65536],
        ioBlockCount: 1024,
        ioModes: Workload.IOMode.allCases,
        repetitions: 5,
        warmups: 1,
        guestTimeoutSeconds: 60,
        calibrationExits: 20_000
    )

    public init(
        workloads: [SweepCase.Kind], sides: [Side], mmmSizes: [Int], mmmKernels: [Workload.MMMKernel],
        contention: [Contention], ioBlockSizes: [Int], ioBlockCount: Int, ioModes: [Workload.IOMode],
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
        self.repetitions = repetitions
        self.warmups = warmups
        self.guestTimeoutSeconds = guestTimeoutSeconds
        self.calibrationExits = calibrationExits
    }

    enum CodingKeys: String, CodingKey {
        case workloads, sides, mmmSizes = "mmm_sizes", mmmKernels = "mmm_kernels", contention
        case ioBlockSizes = "io_block_sizes", ioBlockCount = "io_block_count", ioModes = "io_modes"
        case repetitions, warmups
        case guestTimeoutSeconds = "guest_timeout_s", calibrationExits = "calibration_exits"
    }

    /// Every configuration, MMM first (small to large), then I/O.
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
