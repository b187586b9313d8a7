import CGuestABI
import CLinux
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
    let memory: GuestMemory
    let serial: SerialConsole
    let blockDevice: BlockDevice?
    let control: RunControl
    let hostCPU: Int?

    // Written by the vCPU thread; read by others only after `finished` (under the lock).
    private(set) var report = GuestReport()
    private(set) var failure: VMMError?
    /// The registers when the vCPU stopped on a host request (watchdog, a peer's failure).
    private(set) var registersAtStop: GuestRegisters?
    private(set) var runDelayNanoseconds: UInt64?
    private(set) var firstExitAt: UInt64?
    private(set) var lastExitAt: UInt64?
    private(set) var exitsByReason = [UInt64](repeating: 0, count: 64)
    /// Block-device exits (request port or doorbell) and the requests they carried.
    private(set) var blockExits: UInt64 = 0
    private(set) var blockRequests: UInt64 = 0
    private var thread: pthread_t?
    /// Guarded by `control.condition`.
    var finished = false

    init(vcpu: VirtualCPU, memory: GuestMemory, serial: SerialConsole, blockDevice: BlockDevice?, control: RunControl, hostCPU: Int?) {
        self.vcpu = vcpu
        self.memory = memory
        self.serial = serial
        self.blockDevice = blockDevice
        self.control = control
        self.hostCPU = hostCPU
    }

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
            if let hostCPU { try HostThread.pinCurrentThread(to: hostCPU) }
            stealReader = try? StealReader()
            runDelayAtStart = (try? stealReader?.readRunDelayNanoseconds()) ?? 0
            counters.attachToCurrentThread()
            signalStarted()
            try runLoop()
        } catch let error as VMMError {
            failure = error
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
            let entered = HostThread.monotonicNanoseconds()
            let reason = try vcpu.runOnce()
            let exited = HostThread.monotonicNanoseconds()
            counters.add(.runNanoseconds, exited - entered)
            guard let reason else { continue } // kicked: look at the requests again
            if firstExitAt == nil { firstExitAt = exited }
            lastExitAt = exited
            exitsByReason[Int(min(reason, 63))] += 1
            countExit(reason)
            let keepRunning = try handleExit(reason)
            counters.add(.exitHandlingNanoseconds, HostThread.monotonicNanoseconds() - exited)
            if !keepRunning { return }
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

    private func countExit(_ reason: UInt32) {
        counters.add(.exitsTotal, 1)
        switch reason {
        case KVMExitReason.io: counters.add(.exitsIO, 1)
        case KVMExitReason.mmio: counters.add(.exitsMMIO, 1)
        case KVMExitReason.rdmsr, KVMExitReason.wrmsr: counters.add(.exitsMSR, 1)
        case KVMExitReason.hlt: counters.add(.exitsHLT, 1)
        default: counters.add(.exitsOther, 1)
        }
    }

    // MARK: exit dispatch

    /// Handles one exit; false when this vCPU is done (exit hypercall).
    private func handleExit(_ reason: UInt32) throws -> Bool {
        let run = vcpu.run
        switch reason {
        case KVMExitReason.io:
            return try handlePortIO()
        case KVMExitReason.mmio:
            let mmio = run.pointee.mmio
            counters.add(.mmioBytes, UInt64(mmio.len))
            // No device lives in the MMIO window yet: any access there is a guest error.
            throw VMMError.unbackedMemoryAccess(vcpu: index, address: mmio.phys_addr, isWrite: mmio.is_write != 0,
                                                length: Int(mmio.len), registers: vcpu.registerSnapshot())
        case KVMExitReason.rdmsr:
            let msr = run.pointee.msr.index
            if let value = readMSR(msr) {
                run.pointee.msr.data = value
                run.pointee.msr.error = 0
            } else {
                run.pointee.msr.error = 1 // KVM injects #GP
            }
            return true
        case KVMExitReason.wrmsr:
            run.pointee.msr.error = writeMSR(run.pointee.msr.index, run.pointee.msr.data) ? 0 : 1
            return true
        case KVMExitReason.hlt:
            throw VMMError.guestHalted(vcpu: index, registers: vcpu.registerSnapshot())
        case KVMExitReason.shutdown:
            throw VMMError.tripleFault(vcpu: index, registers: vcpu.registerSnapshot())
        case KVMExitReason.failEntry:
            throw VMMError.entryFailure(vcpu: index, hardwareReason: run.pointee.fail_entry.hardware_entry_failure_reason,
                                        registers: vcpu.registerSnapshot())
        case KVMExitReason.internalError:
            let details = run.pointee.internal
            let count = min(Int(details.ndata), 16)
            let data = withUnsafeBytes(of: details.data) { Array($0.bindMemory(to: UInt64.self).prefix(count)) }
            throw VMMError.kvmInternalError(vcpu: index, suberror: details.suberror, data: data, registers: vcpu.registerSnapshot())
        default:
            throw VMMError.unexpectedExit(vcpu: index, reason: reason, registers: vcpu.registerSnapshot())
        }
    }

    private func handlePortIO() throws -> Bool {
        let io = vcpu.run.pointee.io
        let data = vcpu.runArea.advanced(by: Int(io.data_offset))
        let size = Int(io.size)
        let count = Int(io.count)
        counters.add(.ioBytes, UInt64(size * count))
        guard io.direction == UInt8(KVM_EXIT_IO_OUT) else {
            for item in 0..<count {
                let value: UInt8 = SerialConsole.handles(io.port) ? serial.read(port: io.port) : 0xFF
                (data + item * size).initializeMemory(as: UInt8.self, repeating: value, count: size)
            }
            return true
        }
        if SerialConsole.handles(io.port) {
            for item in 0..<count { serial.write(port: io.port, byte: data.load(fromByteOffset: item * size, as: UInt8.self)) }
            return true
        }
        let value = size >= 4 ? UInt64(data.loadUnaligned(as: UInt32.self)) : UInt64(data.load(as: UInt8.self))
        switch io.port {
        case UInt16(PERFV_PORT_HYPERCALL):
            return try hypercall(value)
        case UInt16(PERFV_PORT_FAULT):
            throw faultReport(vector: UInt8(truncatingIfNeeded: value))
        case BlockDevice.requestPort:
            if let blockDevice {
                _ = blockDevice.handleRequest(at: value, memory: memory)
                blockExits += 1
                blockRequests += 1
            }
            return true
        case BlockDevice.doorbellPort:
            if let blockDevice {
                let count = UInt32(truncatingIfNeeded: value)
                _ = try blockDevice.handleDoorbell(count: count, memory: memory, vcpu: index)
                blockExits += 1
                blockRequests += UInt64(count)
            }
            return true
        default:
            return true // an unassigned port: writes are dropped, as on a PC bus
        }
    }

    /// PERFV_HC_*: arguments are in this vCPU's mailbox slot.
    private func hypercall(_ number: UInt64) throws -> Bool {
        let slot = try memory.load(perfv_mailbox_slot.self, at: GuestLayout.mailboxSlot(vcpu: index))
        switch number {
        case UInt64(PERFV_HC_EXIT.rawValue):
            report.exitStatus = slot.a0
            return false
        case UInt64(PERFV_HC_RESULT.rawValue):
            report.results[slot.a0] = slot.a1
        case UInt64(PERFV_HC_SNAPSHOT.rawValue):
            counters.sample()
            report.snapshots.append((tag: slot.a0, counters: counters.snapshot()))
        default:
            throw VMMError.unknownHypercall(vcpu: index, number: number, registers: vcpu.registerSnapshot())
        }
        return true
    }

    /// The supervisor's fatal-exception report: mailbox a0..a3, and the faulting code's
    /// registers from `struct perfv_fault_frame` at the supervisor's RSP (CS, SS, RFLAGS, RSP,
    /// RIP, RAX, RCX, RDX; the other GPRs still hold the faulting code's values). A frame
    /// that does not match the mailbox is not trusted: then only the slot's saved RSP,
    /// RAX, RCX, RDX are used and the registers are marked partial.
    private func faultReport(vector: UInt8) -> VMMError {
        var registers = vcpu.registerSnapshot()
        guard let slot = try? memory.load(perfv_mailbox_slot.self, at: GuestLayout.mailboxSlot(vcpu: index)) else {
            return .guestException(vcpu: index, vector: vector, errorCode: 0, faultingRIP: registers.rip, cr2: 0, registers: registers)
        }
        registers.cr2 = slot.a3
        if let frame = try? memory.load(perfv_fault_frame.self, at: registers.rsp),
           frame.vector == UInt64(vector), frame.rip == slot.a2, frame.error_code == slot.a1 {
            registers.rip = frame.rip
            registers.rsp = frame.rsp
            registers.rflags = frame.rflags
            registers.cs = UInt16(truncatingIfNeeded: frame.cs)
            registers.ss = UInt16(truncatingIfNeeded: frame.ss)
            registers.rax = frame.rax
            registers.rcx = frame.rcx
            registers.rdx = frame.rdx
        } else {
            registers.fromFaultReport = true
            registers.rip = slot.a2
            registers.rsp = slot.reserved.0
            registers.rax = slot.reserved.1
            registers.rcx = slot.reserved.2
            registers.rdx = slot.reserved.3
        }
        let outsideRAM = slot.a3 >= memory.size
            && !(slot.a3 >= GuestLayout.mmioBase && slot.a3 < GuestLayout.mmioBase + GuestLayout.mmioBytes)
        if vector == ExceptionVector.pageFault && outsideRAM {
            return .accessOutsideGuestMemory(vcpu: index, address: slot.a3, isWrite: slot.a1 & 2 != 0, registers: registers)
        }
        return .guestException(vcpu: index, vector: vector, errorCode: slot.a1, faultingRIP: slot.a2, cr2: slot.a3, registers: registers)
    }

    // MARK: virtual counter MSRs

    /// RDMSR of a trapped MSR; nil → #GP.
    private func readMSR(_ msr: UInt32) -> UInt64? {
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
        msr == VirtualCounter.controlMSR && counters.control(value)
    }
}
