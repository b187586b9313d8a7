import CGuestABI
import Glibc
import Testing
@testable import VMM

/// Every way a guest can go wrong ends in its own typed error, with registers, and the
/// host process carries on.
@Suite("Guest faults")
struct FaultTests {
    func guestFault(_ kind: Workload.FaultKind, timeout: Double = 20, vcpus: Int = 1) throws -> VMMError? {
        var configuration = MachineConfiguration(workload: .fault(kind))
        configuration.memoryBytes = 64 << 20
        configuration.timeoutSeconds = timeout
        configuration.vcpuCount = vcpus
        return try TestMachines.failure(configuration)
    }

    @Test("CPU exceptions raised by the workload are reported with vector, RIP and registers", arguments: [
        (Workload.FaultKind.pageFault, ExceptionVector.pageFault),
        (.generalProtection, ExceptionVector.generalProtection),
        (.invalidOpcode, ExceptionVector.invalidOpcode),
        (.divideError, ExceptionVector.divideError),
    ])
    func exceptions(kind: Workload.FaultKind, vector: UInt8) throws {
        guard let error = try guestFault(kind) else { return }
        guard case let .guestException(vcpu, reported, _, rip, cr2, registers) = error else {
            Issue.record("expected a guest exception, got \(error)")
            return
        }
        #expect(vcpu == 0)
        #expect(reported == vector)
        #expect(rip >= GuestLayout.image && rip < GuestLayout.image + GuestLayout.imageMaximumBytes)
        #expect(registers.valid)
        #expect(registers.rip == rip)
        #expect(registers.privilegeLevel == 3) // the workload's CS, from the fault frame
        #expect(!registers.fromFaultReport)
        if vector == ExceptionVector.pageFault { #expect(cr2 == 0) } // the NULL read
        #expect(error.description.contains(ExceptionVector.name(vector)))
    }

    @Test("a failing system call reports its own errno, never 0 (\"Success\")", .enabled(if: TestMachines.kvmPresent))
    func systemCallErrno() throws {
        var configuration = MachineConfiguration(workload: .hello)
        configuration.blockDevicePath = "/nonexistent-perfv-directory/disk.img"
        let open = #expect(throws: VMMError.self) { try Machine(configuration) }
        guard case let .systemCall(failure)? = open else { Issue.record("\(String(describing: open))"); return }
        #expect(failure.errno == ENOENT, "\(open!)")

        configuration.blockDevicePath = nil
        configuration.pinnedCPUs = [Int(Int32.max)]
        let pin = #expect(throws: VMMError.self) { try Machine(configuration).run() }
        #expect(pin?.description.contains("errno 0") == false, "\(String(describing: pin))")
        #expect(pin?.description.contains("errno \(EINVAL)") == true, "\(String(describing: pin))")
    }

    @Test("a timeout the watchdog cannot count in 64-bit nanoseconds is an invalid configuration, not a trap",
          arguments: [1e11, Double.infinity, Double.nan, 0])
    func timeoutBounds(seconds: Double) {
        var configuration = MachineConfiguration(workload: .hello)
        configuration.timeoutSeconds = seconds
        #expect(throws: VMMError.self) { try configuration.validate() }
    }

    @Test("a fault on vCPU 0 stops the whole VM while vCPU 1 is fine")
    func faultStopsEveryVCPU() throws {
        guard let error = try guestFault(.invalidOpcode, vcpus: 2) else { return }
        guard case .guestException(0, ExceptionVector.invalidOpcode, _, _, _, _) = error else {
            Issue.record("got \(error)")
            return
        }
    }

    @Test("a fault on one vCPU brings the others out of KVM_RUN at once (they would spin forever)")
    func faultKicksSpinningPeers() throws {
        let started = ContinuousClock.now
        guard let error = try TestMachines.failure(try TestMachines.fixture(.faultOnFirstVCPUOthersSpin, vcpus: 2, timeout: 30)) else { return }
        guard case .guestException(0, ExceptionVector.invalidOpcode, _, _, _, _) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(ContinuousClock.now - started < .seconds(15), "the spinning vCPU was not kicked; the watchdog (30 s) ended the run")
    }

    @Test("a triple fault is KVM_EXIT_SHUTDOWN → .tripleFault with registers")
    func tripleFault() throws {
        guard let error = try guestFault(.tripleFault) else { return }
        guard case let .tripleFault(vcpu, registers) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(vcpu == 0)
        #expect(registers.valid)
    }

    @Test("a runaway loop is stopped by the watchdog with the loop's registers")
    func watchdog() throws {
        guard let error = try guestFault(.runawayLoop, timeout: 1) else { return }
        guard case let .watchdogTimeout(seconds, registers) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(seconds == 1)
        let stopped = try #require(registers.first)
        #expect(stopped.valid)
        #expect(stopped.privilegeLevel == 3) // the workload, not the supervisor
        #expect(stopped.rip >= GuestLayout.image && stopped.rip < GuestLayout.image + GuestLayout.imageMaximumBytes)
    }

    @Test("a write beyond RAM is .accessOutsideGuestMemory with the address")
    func writeOutsideRAM() throws {
        guard let error = try guestFault(.writeOutsideRAM) else { return }
        guard case let .accessOutsideGuestMemory(_, address, isWrite, _) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(address >= 64 << 20)
        #expect(isWrite)
    }

    @Test("an access to the unbacked MMIO window is .unbackedMemoryAccess with GPA, direction and size")
    func mmio() throws {
        guard let error = try guestFault(.mmio) else { return }
        guard case let .unbackedMemoryAccess(_, address, isWrite, length, registers) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(address == PERFV_MMIO_BASE)
        #expect(isWrite)
        #expect(length == 4)
        #expect(registers.privilegeLevel == 3)
        #expect(error.description.contains("guest accessed unbacked memory at GPA 0xc0000000 (write, 4 bytes)"))
    }

    @Test("HLT without an exit hypercall is .guestHalted (fixture supervisor)")
    func halted() throws {
        guard let error = try TestMachines.failure(try TestMachines.fixture(.supervisorHalt)) else { return }
        guard case let .guestHalted(0, registers) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(registers.privilegeLevel == 0)
    }

    @Test("an unknown MSR read without a fix-up reaches the guest as #GP (fixture), and the VMM survives")
    func unknownMSRWithoutFixup() throws {
        guard let error = try TestMachines.failure(try TestMachines.fixture(.unknownMSR)) else { return }
        guard case let .guestException(_, vector, _, _, _, registers) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(vector == ExceptionVector.generalProtection)
        #expect(registers.rdi == 0x1234_5678)
        #expect(registers.rcx == 0x1234_5678) // RDMSR's operand, restored from the fault frame
        #expect(registers.privilegeLevel == 0) // the #GP hit the supervisor's RDMSR
        // The same process runs another VM afterwards.
        let again = try #require(try TestMachines.run(try TestMachines.fixture(.hello)))
        #expect(again.reports[0].exitStatus == 0)
    }

    @Test("a write to a read-only counter MSR is #GP too (fixture)")
    func readOnlyCounterWrite() throws {
        guard let error = try TestMachines.failure(try TestMachines.fixture(.readOnlyCounterWrite)) else { return }
        guard case .guestException(_, ExceptionVector.generalProtection, _, _, _, _) = error else {
            Issue.record("got \(error)")
            return
        }
    }

    @Test("an instruction KVM cannot emulate at CPL0 is .kvmInternalError with its bytes (fixture: VEX in the supervisor)")
    func emulationFailure() throws {
        guard let error = try TestMachines.failure(try TestMachines.fixture(.supervisorVEX)) else { return }
        guard case let .kvmInternalError(vcpu, suberror, data, registers) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(vcpu == 0)
        #expect(suberror == 1) // KVM_INTERNAL_ERROR_EMULATION
        #expect(VMMError.emulationFailureInstruction(suberror: suberror, data: data)?.starts(with: [0xC5, 0xF9, 0xEF, 0xC0]) == true)
        #expect(registers.privilegeLevel == 0)
    }

    @Test("KVM refuses an impossible vCPU state (paging without protected mode) with a typed ioctl error")
    func invalidVCPUState() throws {
        guard TestMachines.kvmPresent else { return }
        let machine = try Machine(try TestMachines.fixture(.hello))
        var sregs = try machine.virtualCPU(0).specialRegisters()
        sregs.cr0 = 1 << 31 // PG without PE
        do {
            try machine.virtualCPU(0).setSpecialRegisters(sregs)
        } catch let VMMError.systemCall(failure) {
            #expect(failure.call == "KVM_SET_SREGS")
            #expect(failure.errno != 0)
            return
        }
        // KVM took the state: entering the guest must then fail in a typed way, not boot.
        do {
            let result = try machine.run()
            Issue.record("a vCPU with CR0.PG and no PE ran: \(result.console)")
        } catch let error as VMMError {
            switch error {
            case .entryFailure, .kvmInternalError, .tripleFault, .guestException: break
            default: Issue.record("unexpected error \(error)")
            }
        }
    }
}
