import CGuestABI
import CLinux
import CPUContention
import Foundation
import PerfV
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One vCPU's host thread: the KVM_RUN loop and the dispatch of every exit to a
/// device, a virtual counter or a typed error. Nothing the guest does can crash the
/// host: every guest-supplied address and length is bounds-checked, and every exit
/// the VMM does not expect ends this vCPU with a `VMMError` carrying its registers.
final class VCPURunner {
    let vcpu: VirtualCPU
    let counters = VirtualCounters()
    let control: RunControl
    let hostCPU: Int?
    /// The console, the block device, the hypercall and fault ports, by port range.
    private let ports: PortBus
    private let hypercalls: HypercallPort
    private let blockPorts: BlockDevicePorts?
    /// Hyper-V's synthetic MSRs under the `hyperv` personality.
    private let hyperV: HyperVSyntheticMSRs?
    private let networkPorts: NetworkDevicePorts?

    // Written by the vCPU thread; read by others only after `finished` (under the lock).
    private(set) var failure: VMMError?
    /// The registers when the vCPU stopped on a host request (watchdog, a peer's failure).
    private(set) var registersAtStop: GuestRegisters?
    private(set) var runDelayNanoseconds: UInt64?
    private(set) var firstExitAt: UInt64?
    private(set) var lastExitAt: UInt64?
    private(set) var exitsByReason = [UInt64](repeating: 0, count: 64)
    private var thread: pthread_t?
    /// Guarded by `control.condition`.
    var finished = false

    init(vcpu: VirtualCPU, memory: GuestMemory, serial: SerialConsole, blockDevice: BlockDevice?, networkDevice: NetworkDevice? = nil,
         control: RunControl, hostCPU: Int?, personality: HypervisorPersonality = .kvm, timing: GuestTiming? = nil,
         hyperVPartition: HyperVPartition? = nil) throws {
        self.vcpu = vcpu
        self.control = control
        self.hostCPU = hostCPU
        hypercalls = HypercallPort(vcpu: vcpu, memory: memory, counters: counters)
        blockPorts = blockDevice.map { BlockDevicePorts(device: $0, memory: memory, vcpu: vcpu.index) }
        networkPorts = networkDevice.map { NetworkDevicePorts(device: $0, memory: memory, vcpu: vcpu.index) }
        var ports = PortBus()
        try ports.attach(serial, first: SerialConsole.basePort, count: SerialConsole.portCount)
        try ports.attach(hypercalls, first: HypercallPort.port, count: 4)
        try ports.attach(FaultReportPort(vcpu: vcpu, memory: memory), first: FaultReportPort.port, count: 4)
        if let blockPorts { try ports.attach(blockPorts, first: BlockDevicePorts.first, count: BlockDevicePorts.count) }
        if personality == .vmware, let timing {
            try ports.attach(VMwareBackdoorPort(vcpu: vcpu, timing: timing), first: VMwareBackdoorPort.port, count: 1)
        }
        hyperV = personality == .hyperv ? hyperVPartition.map(HyperVSyntheticMSRs.init(partition:)) : nil
        if let networkPorts { try ports.attach(networkPorts, first: NetworkDevicePorts.first, count: NetworkDevicePorts.count) }
        self.ports = ports
    }

    /// What the guest reported through the hypercall port.
    var report: GuestReport { hypercalls.report }
    /// Block-device exits (request port or doorbell) and the requests they carried.
    var blockExits: UInt64 { blockPorts?.exits ?? 0 }
    var blockRequests: UInt64 { blockPorts?.requests ?? 0 }

    var index: Int { vcpu.index }

    /// Starts the host thread.
    func start() {
        let thread = Thread { [self] in threadMain() }
        thread.name = "perfv-vcpu-\(index)"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Makes the vCPU leave KVM_RUN: immediate_exit covers a kick that lands before
    /// KVM_RUN, the signal one that lands inside it. Call with `control.condition` held,
    /// so the thread cannot finish (and its pthread_t go stale) meanwhile.
    func kick() {
        guard !finished, let thread else { return }
        vcpu.run.pointee.immediate_exit = 1
        pthread_kill(thread, HostThread.kickSignal)
    }

    // MARK: the vCPU thread

    private func threadMain() {
        var stealReader: StealReader?
        var runDelayAtStart: Int64 = 0
        HostThread.acceptKicks()
        do {
            if let hostCPU { try PinnedThread.pinCallingThread(to: hostCPU) }
            stealReader = try? StealReader()
            runDelayAtStart = (try? stealReader?.readRunDelayNanoseconds()) ?? 0
            counters.attachToCurrentThread()
            hyperV?.attachToCurrentThread()
            signalStarted()
            try runLoop()
        } catch let error as VMMError {
            failure = error
        } catch let ThreadError.systemCall(error) {
            failure = .systemCall(error)
        } catch {
            failure = .vcpuThreadFailed(vcpu: index, reason: "\(error)")
        }
        if startedSignalled == false { signalStarted() }
        counters.sample()
        if let stealReader, let end = try? stealReader.readRunDelayNanoseconds() {
            runDelayNanoseconds = UInt64(clamping: end - runDelayAtStart)
        }
        signalFinished()
    }

    private var startedSignalled = false

    private func signalStarted() {
        control.condition.lock()
        thread = pthread_self()
        startedSignalled = true
        control.startedCount += 1
        control.condition.broadcast()
        control.condition.unlock()
    }

    private func signalFinished() {
        control.condition.lock()
        finished = true
        control.finishedCount += 1
        let failed = failure != nil || (report.exitStatus.map { $0 != 0 } ?? false)
        if failed {
            control.failureOrder.append(index)
            control.stopRequested.store(true, ordering: .sequentiallyConsistent)
        }
        control.condition.broadcast()
        control.condition.unlock()
    }

    private func runLoop() throws {
        let run = vcpu.run
        while true {
            run.pointee.immediate_exit = 0
            // The clear must not pass the request loads below (x86 may reorder a store with
            // a later load): otherwise a kick landing in between would be lost.
            atomicMemoryFence(ordering: .sequentiallyConsistent)
            if control.stopRequested.load(ordering: .sequentiallyConsistent) {
                registersAtStop = vcpu.registerSnapshot()
                return
            }
            if control.pauseRequested.load(ordering: .sequentiallyConsistent) {
                park()
                continue
            }
            let entered = UInt64(Clock.monotonic.nanoseconds())
            let reason = try vcpu.runOnce()
            let exited = UInt64(Clock.monotonic.nanoseconds())
            counters.add(.runNanoseconds, exited - entered)
            guard let reason else { continue } // kicked: look at the requests again
            if firstExitAt == nil { firstExitAt = exited }
            lastExitAt = exited
            exitsByReason[Int(min(reason, 63))] += 1
            let exit = VCPUExit(runArea: vcpu.runArea)
            counters.add(.exitsTotal, 1)
            counters.add(exit.counter, 1)
            let outcome = try handle(exit)
            counters.add(.exitHandlingNanoseconds, UInt64(Clock.monotonic.nanoseconds()) - exited)
            if outcome == .stop { return }
        }
    }

    /// Parks the thread until resume (or stop); the counters stop meanwhile.
    private func park() {
        let wasCounting = counters.isCounting
        counters.stop()
        control.condition.lock()
        control.parkedCount += 1
        control.condition.broadcast()
        while control.pauseRequested.load(ordering: .sequentiallyConsistent),
              !control.stopRequested.load(ordering: .sequentiallyConsistent) {
            control.condition.wait()
        }
        control.parkedCount -= 1
        control.condition.unlock()
        if wasCounting { counters.start() }
    }

    // MARK: exit dispatch

    /// Handles one exit; `.stop` when this vCPU is done (exit hypercall). Every exit
    /// the VMM does not serve ends the vCPU with a typed error carrying its registers.
    private func handle(_ exit: VCPUExit) throws -> PortWriteOutcome {
        let run = vcpu.run
        switch exit {
        case let .portIn(port, size, count, data):
            counters.add(.ioBytes, UInt64(size * count))
            ports.read(port: port, size: size, count: count, into: data)
            return .resume
        case let .portOut(port, size, count, data):
            counters.add(.ioBytes, UInt64(size * count))
            return try ports.write(port: port, size: size, count: count, from: data)
        case let .mmio(address, length, isWrite):
            counters.add(.mmioBytes, UInt64(length))
            // No device lives in the MMIO window yet: any access there is a guest error.
            throw VMMError.unbackedMemoryAccess(vcpu: index, address: address, isWrite: isWrite,
                                                length: length, registers: vcpu.registerSnapshot())
        case let .msrRead(msr):
            if let value = readMSR(msr) {
                run.pointee.msr.data = value
                run.pointee.msr.error = 0
            } else {
                run.pointee.msr.error = 1 // KVM injects #GP
            }
            return .resume
        case let .msrWrite(msr, value):
            run.pointee.msr.error = writeMSR(msr, value) ? 0 : 1
            return .resume
        case .halt:
            throw VMMError.guestHalted(vcpu: index, registers: vcpu.registerSnapshot())
        case .shutdown:
            throw VMMError.tripleFault(vcpu: index, registers: vcpu.registerSnapshot())
        case let .failEntry(hardwareReason):
            throw VMMError.entryFailure(vcpu: index, hardwareReason: hardwareReason, registers: vcpu.registerSnapshot())
        case let .internalError(suberror, data):
            throw VMMError.kvmInternalError(vcpu: index, suberror: suberror, data: data, registers: vcpu.registerSnapshot())
        case let .unknown(reason):
            throw VMMError.unexpectedExit(vcpu: index, reason: reason, registers: vcpu.registerSnapshot())
        }
    }

    // MARK: virtual counter MSRs

    /// RDMSR of a trapped MSR; nil → #GP.
    private func readMSR(_ msr: UInt32) -> UInt64? {
        if let hyperV, HyperVSyntheticMSRs.trappedRange.contains(msr) { return hyperV.read(msr) }
        switch msr {
        case VirtualCounter.controlMSR: return counters.controlState
        case VirtualCounter.availableMSR: return counters.availableMask
        default:
            guard msr >= VirtualCounter.firstCounterMSR,
                  let counter = VirtualCounter(rawValue: Int(msr - VirtualCounter.firstCounterMSR)) else { return nil }
            return counters.guestRead(counter)
        }
    }

    /// WRMSR of a trapped MSR; false → #GP (unknown MSR, read-only counter, bad control bits).
    private func writeMSR(_ msr: UInt32, _ value: UInt64) -> Bool {
        if let hyperV, HyperVSyntheticMSRs.trappedRange.contains(msr) { return hyperV.write(msr, value) }
        return msr == VirtualCounter.controlMSR && counters.control(value)
    }
}
