import CGuestABI
import Testing
@testable import VMM

@Suite("Machine boot (fixture guest)")
struct MachineBootTests {
    @Test("a payload boots into ring 3, prints over serial and reports a result")
    func helloPrintsOverSerial() throws {
        guard let result = try TestMachines.run(try TestMachines.fixture(.hello)) else { return }
        #expect(result.console == "hello from the fixture guest\n")
        #expect(result.reports[0].exitStatus == 0)
        #expect(result.reports[0].results[1] == 0x1234)
        #expect(result.exitsByReason["io", default: 0] >= UInt64("hello from the fixture guest\n".utf8.count))
        #expect(result.counters[0][.exitsTotal] == result.exitsTotal)
        #expect(result.counters[0][.runNanoseconds].map { $0 > 0 } == true)
    }

    @Test("every vCPU boots on its own stacks and TSS", arguments: [2, 4])
    func severalVCPUs(count: Int) throws {
        guard let result = try TestMachines.run(try TestMachines.fixture(.hello, vcpus: count)) else { return }
        #expect(result.reports.count == count)
        for vcpu in 0..<count {
            #expect(result.reports[vcpu].exitStatus == 0)
            #expect(result.reports[vcpu].results[1] == 0x1234 + UInt64(vcpu))
        }
        #expect(result.console.components(separatedBy: "\n").count == count + 1)
    }
}

@Suite("Machine boot (bundled guest runtime)")
struct BundledGuestBootTests {
    @Test("the bundled guest boots, prints over serial and exits 0")
    func hello() throws {
        var configuration = MachineConfiguration(workload: .hello)
        configuration.memoryBytes = 64 << 20
        guard let result = try TestMachines.run(configuration) else { return }
        #expect(result.console.contains("hello"))
        #expect(result.reports[0].exitStatus == 0)
        #expect(result.setupNanoseconds > 0)
        #expect(result.firstExitNanoseconds.map { $0 <= result.hostWallNanoseconds } == true)
    }

    @Test("a bad option is a typed configuration error", arguments: [0, 17])
    func badVCPUCount(count: Int) {
        var configuration = MachineConfiguration(workload: .nop)
        configuration.vcpuCount = count
        #expect(throws: VMMError.self) { try Machine(configuration) }
    }

    @Test("a RAM size that is not a multiple of 2 MiB is refused")
    func badMemory() {
        var configuration = MachineConfiguration(workload: .nop)
        configuration.memoryBytes = (64 << 20) + 4096
        do {
            _ = try Machine(configuration)
            Issue.record("accepted")
        } catch let VMMError.invalidConfiguration(message) {
            #expect(message.contains("2 MiB"))
        } catch {
            Issue.record("wrong error \(error)")
        }
    }
}

@Suite("Machine host threads")
struct MachineThreadTests {
    @Test("pinning a vCPU to a CPU that does not exist ends the run with the failed call named")
    func badPin() throws {
        var configuration = try TestMachines.fixture(.hello)
        configuration.pinnedCPUs = [4000]
        guard let error = try TestMachines.failure(configuration) else { return }
        guard case let .systemCall(failure) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(failure.call.contains("sched_setaffinity"))
        #expect(failure.errno != 0)
    }

    @Test("a vCPU pinned to CPU 0 runs to completion")
    func pinned() throws {
        var configuration = try TestMachines.fixture(.hello)
        configuration.pinnedCPUs = [0]
        guard let result = try TestMachines.run(configuration) else { return }
        #expect(result.reports[0].exitStatus == 0)
    }
}
