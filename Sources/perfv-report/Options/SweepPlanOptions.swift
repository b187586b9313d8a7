import ArgumentParser
import Report
import VMM

/// The options that shape a sweep's plan; lists are comma-separated (`--sizes 64,128`).
struct SweepPlanOptions: ParsableArguments {
    private static let standard = SweepPlan.standard

    @Option(name: .long, help: "Workloads to run: \(SweepCase.Kind.allCases.map(\.rawValue).joined(separator: ",")).")
    var workloads = standard.workloads.map(\.rawValue).joined(separator: ",")

    @Option(name: .long, help: "Where to run: host, guest or both.")
    var sides = standard.sides.map(\.rawValue).joined(separator: ",")

    @Option(name: .long, help: "MMM matrix sizes N (N×N doubles).")
    var sizes = standard.mmmSizes.map(String.init).joined(separator: ",")

    @Option(name: .long, help: "MMM kernels: \(Workload.MMMKernel.allCases.map(\.rawValue).joined(separator: ",")).")
    var kernels = standard.mmmKernels.map(\.rawValue).joined(separator: ",")

    @Option(name: .long, help: "Contention for the MMM runs: \(Contention.allCases.map(\.rawValue).joined(separator: ",")).")
    var contention = standard.contention.map(\.rawValue).joined(separator: ",")

    @Option(name: .customLong("io-block-sizes"), help: "I/O block sizes B in bytes.")
    var ioBlockSizes = standard.ioBlockSizes.map(String.init).joined(separator: ",")

    @Option(name: .customLong("io-blocks"), help: "I/O blocks M written then read per run.")
    var ioBlocks = standard.ioBlockCount

    @Option(name: .customLong("io-modes"), help: "Guest I/O modes: \(Workload.IOMode.allCases.map(\.rawValue).joined(separator: ",")).")
    var ioModes = standard.ioModes.map(\.rawValue).joined(separator: ",")

    @Option(name: .customLong("net-packet-sizes"), help: "Network datagram payload sizes in bytes (\(NetCase.smallestPacket)...\(NetCase.largestPacket)).")
    var netPacketSizes = standard.netPacketSizes.map(String.init).joined(separator: ",")

    @Option(name: .customLong("net-packets"), help: "Network datagrams sent per run.")
    var netPackets = standard.netPacketCount

    @Option(name: .customLong("net-modes"), help: "Guest network modes: \(Workload.NetMode.allCases.map(\.rawValue).joined(separator: ",")).")
    var netModes = standard.netModes.map(\.rawValue).joined(separator: ",")

    @Option(name: .customLong("reps"), help: "Measured repetitions per case.")
    var repetitions = standard.repetitions

    @Option(name: .long, help: "Discarded warm-up runs per case before the measured ones.")
    var warmups = standard.warmups

    @Option(name: .customLong("calibration-exits"), help: "Port-I/O exits per exit-cost calibration run (0 skips the calibration).")
    var calibrationExits = standard.calibrationExits

    @Option(name: .customLong("guest-timeout"), help: "Seconds one VM run may take before the VMM's watchdog stops it.")
    var guestTimeout = standard.guestTimeoutSeconds

    /// The plan these options describe; a ValidationError names the first bad value.
    func plan() throws -> SweepPlan {
        var plan = SweepPlan.standard
        plan.workloads = try Self.list(workloads, option: "--workloads", as: SweepCase.Kind.self)
        plan.sides = try Self.list(sides, option: "--sides", as: Side.self)
        plan.mmmSizes = try Self.integers(sizes, option: "--sizes")
        plan.mmmKernels = try Self.list(kernels, option: "--kernels", as: Workload.MMMKernel.self)
        plan.contention = try Self.list(contention, option: "--contention", as: Contention.self)
        plan.ioBlockSizes = try Self.integers(ioBlockSizes, option: "--io-block-sizes")
        plan.ioBlockCount = ioBlocks
        plan.ioModes = try Self.list(ioModes, option: "--io-modes", as: Workload.IOMode.self)
        plan.netPacketSizes = try Self.integers(netPacketSizes, option: "--net-packet-sizes")
        plan.netPacketCount = netPackets
        plan.netModes = try Self.list(netModes, option: "--net-modes", as: Workload.NetMode.self)
        plan.repetitions = repetitions
        plan.warmups = warmups
        plan.calibrationExits = calibrationExits
        guard MachineConfiguration.isValidTimeout(guestTimeout) else {
            throw ValidationError("--guest-timeout must be \(MachineConfiguration.timeoutRule)")
        }
        plan.guestTimeoutSeconds = guestTimeout
        do {
            try plan.validate()
        } catch let error as PlanError {
            throw ValidationError(error.description)
        }
        return plan
    }

    private static func items(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func list<Value: RawRepresentable & CaseIterable>(
        _ text: String, option: String, as: Value.Type
    ) throws -> [Value] where Value.RawValue == String {
        var values: [Value] = []
        for item in items(text) {
            guard let value = Value(rawValue: item) else {
                throw ValidationError("unknown value '\(item)' for \(option); choose from \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !values.contains(where: { $0.rawValue == value.rawValue }) { values.append(value) }
        }
        if values.isEmpty { throw ValidationError("\(option) needs at least one value") }
        return values
    }

    private static func integers(_ text: String, option: String) throws -> [Int] {
        var values: [Int] = []
        for item in items(text) {
            guard let value = Int(item) else { throw ValidationError("\(option) takes whole numbers; '\(item)' is not one") }
            guard value > 0 else { throw ValidationError("\(option) values must be positive; got \(value)") }
            if !values.contains(value) { values.append(value) }
        }
        if values.isEmpty { throw ValidationError("\(option) needs at least one value") }
        return values
    }
}
