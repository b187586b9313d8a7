import PerfV
import Testing
@testable import VMM

@Suite("Guest RAM sizing and steal adjustment, one rule each")
struct GuestSizingTests {
    @Test("RAM for workload data is a valid configuration up to the largest data a VM holds, and none beyond")
    func memoryRule() throws {
        for vcpus in [1, 4, GuestLayout.maximumVCPUs] {
            let largest = MachineConfiguration.maximumDataBytes(vcpuCount: vcpus)
            for data: UInt64 in [0, 1, 3 * 512 * 512 * 8, largest] {
                var configuration = MachineConfiguration()
                configuration.vcpuCount = vcpus
                configuration.memoryBytes = MachineConfiguration.memoryBytes(forDataBytes: data, vcpuCount: vcpus)
                try configuration.validate()
                #expect(configuration.memoryBytes >= GuestLayout.heapBase(vcpuCount: vcpus) + data)
            }
            #expect(MachineConfiguration.memoryBytes(forDataBytes: largest + 1, vcpuCount: vcpus) > GuestLayout.maximumRAMBytes)
        }
        #expect(MachineConfiguration.memoryBytes(forDataBytes: .max) > GuestLayout.maximumRAMBytes)
    }

    @Test("guest wall and steal are adjusted on the host by StealAdjustment, clamp included")
    func stealAdjustedOnTheHost() {
        let calm = GuestRegionTiming(wall: 1_000, steal: 200)
        #expect(calm.adjustedNanoseconds == StealAdjustment.adjustedWallNanoseconds(wall: 1_000, threadCPU: 0, runDelay: 0, steal: 200))
        #expect(calm.adjustedNanoseconds == 800 && calm.stealClamp == nil)
        let impossible = GuestRegionTiming(wall: 1_000, steal: 5_000)
        #expect(impossible.stealClamp == .exceededWall)
        #expect(impossible.stealNanoseconds == 1_000 && impossible.adjustedNanoseconds == 0)
    }
}
