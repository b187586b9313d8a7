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
