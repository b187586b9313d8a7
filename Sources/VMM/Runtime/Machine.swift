import CGuestABI
import CLinux
import Foundation
import PerfV

/// A PerfV virtual machine: builds the VM from a `MachineConfiguration` (KVM objects,
/// RAM, the guest image, page tables, GDT/TSS/IDT, CPUID, long-mode registers), runs
/// one host thread per vCPU, and turns the run into a `RunResult` or a `VMMError`.
///
/// ```swift
/// let result = try Machine(MachineConfiguration(workload: .mmm(size: 256, kernel: .blocked))).run()
/// ```
/// `start()` / `pause()` / `resume()` / `counters(vcpu:)` / `wait()` give finer control.
public final class Machine {
    /// How long the watchdog keeps kicking a vCPU that does not leave KVM_RUN.
    static let kickGraceNanoseconds: UInt64 = 5_000_000_000

    public let configuration: MachineConfiguration
    public let memory: GuestMemory
    public let serial: SerialConsole
    public let image: ImageLoader.LoadedImage
    let system: KVMSystem
    let virtualMachine: VirtualMachine
    let runners: [VCPURunner]
    let control = RunControl()
    let setupNanoseconds: UInt64
    private var startedAt: UInt64?
    private var pausedAt: UInt64?
    private var pausedTotal: UInt64 = 0

    public init(_ configuration: MachineConfiguration) throws {
        let began = UInt64(Clock.monotonic.nanoseconds())
        try configuration.validate()
        self.configuration = configuration
        system = try KVMSystem(path: configuration.kvmPath)
        virtualMachine = try system.createVirtualMachine()
        memory = try GuestMemory(size: configuration.memoryBytes, numaNode: configuration.numaNode)
        try virtualMachine.setMemoryRegion(slot: 0, guestAddress: 0, size: memory.size, hostAddress: memory.hostAddress)
        try virtualMachine.enableUserSpaceMSRExits()
        try virtualMachine.trapMSRs([(PERFV_MSR_BASE, GuestLayout.msrCount)] + configuration.personality.trappedMSRs)
        let hyperVPartition = configuration.personality == .hyperv ? HyperVPartition() : nil

        image = try ImageLoader.load(configuration.image ?? GuestImage.bundledELF, into: memory)
        let count = configuration.vcpuCount
        let pageTableRoot = try IdentityPageTables.build(in: memory)
        try GlobalDescriptorTable.write(vcpuCount: count, into: memory)
        for index in 0..<count { try TaskStateSegment.write(vcpu: index, into: memory) }
        try TaskStateSegment.writeIOBitmap(into: memory)
        try InterruptDescriptorTable.write(exceptionEntries: image.header.exceptionEntries, into: memory)
        try Machine.writeBootParameters(configuration, into: memory)

        serial = SerialConsole(sink: configuration.consoleSink)
        let blockDevice = try configuration.blockDevicePath.map { try BlockDevice(path: $0) }
        let networkDevice = try configuration.networkDestinationPort.map { try NetworkDevice(destinationPort: $0) }
        let supported = try system.supportedCPUID()
        var runners: [VCPURunner] = []
        for index in 0..<count {
            let vcpu = try virtualMachine.createVirtualCPU(index: index)
            let timing = configuration.personality == .vmware ? GuestTiming(tscKilohertz: try vcpu.tscKilohertz()) : nil
            try vcpu.setCPUID(configuration.personality.cpuid(
                GuestCPUID.entries(supported: supported, vcpu: index), timing: timing))
            var sregs = try vcpu.specialRegisters()
            LongModeState.apply(to: &sregs, vcpu: index, vcpuCount: count, pageTableRoot: pageTableRoot)
            try vcpu.setSpecialRegisters(sregs)
            try vcpu.setMSRs(LongModeState.syscallMSRs(entry: image.header.syscallEntry))
            try vcpu.setRegisters(LongModeState.startRegisters(vcpu: index, entry: image.header.supervisorEntry))
            let pinned = configuration.pinnedCPUs.flatMap { index < $0.count ? $0[index] : nil }
            runners.append(try VCPURunner(vcpu: vcpu, memory: memory, serial: serial, blockDevice: blockDevice,
                                          networkDevice: networkDevice, control: control, hostCPU: pinned,
                                          personality: configuration.personality, timing: timing,
                                          hyperVPartition: hyperVPartition))
        }
        self.runners = runners
        setupNanoseconds = UInt64(Clock.monotonic.nanoseconds()) - began
    }

    /// A machine dropped while its vCPUs still run stops them; their threads keep the
    /// VM's descriptors and memory alive until they have left KVM_RUN.
    deinit {
        control.condition.lock()
        control.stopRequested.store(true, ordering: .sequentiallyConsistent)
        control.pauseRequested.store(false, ordering: .sequentiallyConsistent)
        control.condition.broadcast()
        for runner in runners { runner.kick() }
        control.condition.unlock()
    }

    /// Direct access to a vCPU for tests and tools (e.g. to alter its registers before `start()`).
    public func virtualCPU(_ index: Int) -> VirtualCPU { runners[index].vcpu }

    /// Starts every vCPU thread and returns once all have started.
    public func start() throws {
        guard startedAt == nil else { throw VMMError.invalidConfiguration("the machine was already started") }
        _ = HostThread.installKickHandler
        startedAt = UInt64(Clock.monotonic.nanoseconds())
        for runner in runners { runner.start() }
        control.condition.lock()
        while control.startedCount < runners.count { control.condition.wait() }
        control.condition.unlock()
    }

    /// Kicks every vCPU out of KVM_RUN and parks it; its counters stop until `resume()`.
    /// Returns once every vCPU is parked or finished.
    public func pause() {
        control.condition.lock()
        defer { control.condition.unlock() }
        guard startedAt != nil, pausedAt == nil else { return }
        pausedAt = UInt64(Clock.monotonic.nanoseconds())
        control.pauseRequested.store(true, ordering: .sequentiallyConsistent)
        while control.parkedCount + control.finishedCount < runners.count {
            for runner in runners { runner.kick() }
            _ = control.condition.wait(until: Date(timeIntervalSinceNow: 0.05))
        }
    }

    /// Lets parked vCPUs run again; their counters continue from the values at `pause()`.
    public func resume() {
        control.condition.lock()
        defer { control.condition.unlock() }
        guard let pausedAt else { return }
        pausedTotal += UInt64(Clock.monotonic.nanoseconds()) - pausedAt
        self.pausedAt = nil
        control.pauseRequested.store(false, ordering: .sequentiallyConsistent)
        control.condition.broadcast()
    }

    /// The host's view of a vCPU's virtual counters now.
    public func counters(vcpu index: Int) -> CounterValues { runners[index].counters.snapshot() }

    /// Waits until every vCPU has finished, or the watchdog fires; then the result or the first error.
    public func wait() throws -> RunResult {
        guard let startedAt else { throw VMMError.invalidConfiguration("wait() before start()") }
        let timeout = UInt64(configuration.timeoutSeconds * 1e9)
        control.condition.lock()
        while control.finishedCount < runners.count {
            let now = UInt64(Clock.monotonic.nanoseconds())
            let deadline = startedAt + timeout + pausedTotal + (pausedAt.map { now - $0 } ?? 0)
            // A failed vCPU ends the run: bring the others out of KVM_RUN.
            if !control.failureOrder.isEmpty {
                for runner in runners { runner.kick() }
            }
            if now >= deadline {
                if !control.timedOut {
                    control.timedOut = true
                    control.stopRequested.store(true, ordering: .sequentiallyConsistent)
                }
                // A vCPU that does not leave KVM_RUN within the grace period is abandoned
                // (its thread keeps the VM's resources alive); the run still ends.
                if now >= deadline + Machine.kickGraceNanoseconds { break }
                for runner in runners { runner.kick() }
            }
            let remaining = deadline > now ? deadline - now : 0
            _ = control.condition.wait(until: Date(timeIntervalSinceNow: Double(min(max(remaining, 10_000_000), 100_000_000)) / 1e9))
        }
        let timedOut = control.timedOut
        let failures = control.failureOrder
        // Registers of each vCPU the watchdog stopped; a vCPU stuck in KVM_RUN has none.
        let stopRegisters: [GuestRegisters] = runners.compactMap { runner in
            guard runner.finished else { return GuestRegisters(vcpu: runner.index, registers: nil, specialRegisters: nil) }
            return runner.registersAtStop
        }
        control.condition.unlock()
        let finishedAt = UInt64(Clock.monotonic.nanoseconds())

        if timedOut && failures.allSatisfy({ runners[$0].failure == nil }) {
            throw VMMError.watchdogTimeout(seconds: configuration.timeoutSeconds, registers: stopRegisters)
        }
        for index in failures {
            if let failure = runners[index].failure { throw failure }
            if let status = runners[index].report.exitStatus, status != 0 {
                throw VMMError.guestExitStatus(vcpu: index, status: status, console: serial.text)
            }
        }
        var byReason: [String: UInt64] = [:]
        for runner in runners {
            for (reason, count) in runner.exitsByReason.enumerated() where count > 0 {
                byReason[KVMExitReason.key(UInt32(reason)), default: 0] += count
            }
        }
        return RunResult(
            reports: runners.map(\.report), console: serial.text, counters: runners.map { $0.counters.snapshot() },
            exitsByReason: byReason,
            blockDeviceExits: runners.map(\.blockExits).reduce(0, +),
            blockDeviceRequests: runners.map(\.blockRequests).reduce(0, +),
            runDelayNanoseconds: runners.map(\.runDelayNanoseconds),
            hostWallNanoseconds: finishedAt - startedAt, setupNanoseconds: setupNanoseconds,
            firstExitNanoseconds: runners[0].firstExitAt.map { $0 - startedAt },
            lastExitNanoseconds: runners[0].lastExitAt.map { $0 - startedAt })
    }

    /// `start()` then `wait()`.
    public func run() throws -> RunResult {
        try start()
        return try wait()
    }

    private static func writeBootParameters(_ configuration: MachineConfiguration, into memory: GuestMemory) throws {
        var parameters = perfv_boot_params()
        parameters.abi_version = PERFV_ABI_VERSION
        parameters.vcpu_count = UInt32(configuration.vcpuCount)
        parameters.ram_bytes = memory.size
        parameters.heap_base = GuestLayout.heapBase(vcpuCount: configuration.vcpuCount)
        parameters.workload = configuration.workload.number
        let arguments = configuration.workload.arguments
        guard arguments.count <= 6 else {
            throw VMMError.invalidConfiguration("a workload takes at most 6 arguments, not \(arguments.count)")
        }
        withUnsafeMutableBytes(of: &parameters.arg) { raw in
            for (index, value) in arguments.enumerated() { raw.storeBytes(of: value, toByteOffset: 8 * index, as: UInt64.self) }
        }
        try memory.store(parameters, at: GuestLayout.bootParameters)
    }
}
