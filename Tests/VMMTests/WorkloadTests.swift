import CGuestABI
import CKernels
import Foundation
import CPUContention
import Testing
@testable import VMM

@Suite("Guest workloads")
struct WorkloadTests {
    /// The checksum the host computes with the same CKernels source and flags.
    func hostChecksum(n: UInt32, kernel: Workload.MMMKernel, block: UInt32) -> UInt64 {
        let count = Int(n) * Int(n)
        var a = [Double](repeating: 0, count: count)
        var b = [Double](repeating: 0, count: count)
        var c = [Double](repeating: 0, count: count)
        perfv_mmm_init(n, &a, &b, &c)
        switch kernel {
        case .naive: perfv_mmm_naive(n, a, b, &c, 0, n)
        case .blocked: perfv_mmm_blocked(n, a, b, &c, block, 0, n)
        }
        return c.withUnsafeBytes { perfv_fnv1a64($0.baseAddress, $0.count) }
    }

    @Test("MMM checksums are identical in the guest and on the host", arguments: [
        (UInt32(64), Workload.MMMKernel.naive, 1), (96, .blocked, 1), (100, .blocked, 2), (80, .naive, 2),
    ])
    func mmmChecksum(n: UInt32, kernel: Workload.MMMKernel, vcpus: Int) throws {
        var configuration = MachineConfiguration(workload: .mmm(size: n, kernel: kernel, blockSize: 32))
        configuration.memoryBytes = 64 << 20
        configuration.vcpuCount = vcpus
        guard let result = try TestMachines.run(configuration) else { return }
        #expect(result.checksum == hostChecksum(n: n, kernel: kernel, block: 32))
        let wall = try #require(result.guestWallNanoseconds)
        let steal = try #require(result.guestStealNanoseconds)
        #expect(wall > 0)
        #expect(result.guestTiming == GuestRegionTiming(wall: wall, steal: steal))
        // The guest reports raw wall and steal only; the adjustment is the host's.
        #expect(result.reports[0].results.keys.sorted() == [PERFV_RESULT_CHECKSUM, PERFV_RESULT_WALL_NS, PERFV_RESULT_STEAL_NS].map { UInt64($0.rawValue) })
    }

    @Test("IO writes then reads M blocks through the block device in both modes", arguments: Workload.IOMode.allCases)
    func blockIO(mode: Workload.IOMode) throws {
        let blocks: UInt32 = 24
        let blockBytes: UInt32 = 4096
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("perfv-io-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { unlink(path) }
        var configuration = MachineConfiguration(workload: .io(blocks: blocks, blockBytes: blockBytes, mode: mode))
        configuration.memoryBytes = 64 << 20
        configuration.blockDevicePath = path
        guard let result = try TestMachines.run(configuration) else { return }
        var expected = [UInt8]()
        for block in 0..<blocks {
            for byte in 0..<blockBytes {
                expected.append(UInt8(truncatingIfNeeded: block &* 251 &+ byte &* 7 &+ (byte >> 8)))
            }
        }
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(file == expected)
        #expect(result.checksum == expected.withUnsafeBytes { perfv_fnv1a64($0.baseAddress, $0.count) })
        #expect(result.result(PERFV_RESULT_BYTES) == 2 * UInt64(blocks) * UInt64(blockBytes))
        #expect(result.result(PERFV_RESULT_REQUESTS) == 2 * UInt64(blocks))
        #expect(result.blockDeviceRequests == 2 * UInt64(blocks))
        switch mode {
        case .perRequest: #expect(result.blockDeviceExits == 2 * UInt64(blocks))
        case .batched: #expect(result.blockDeviceExits < UInt64(blocks))
        }
    }

    @Test("with a CPU hog on the vCPU thread's core, the guest's KVM steal is within 5% of the thread's run delay")
    func stealMatchesRunDelay() throws {
        var configuration = MachineConfiguration(workload: .spin(milliseconds: 2500))
        configuration.memoryBytes = 64 << 20
        configuration.pinnedCPUs = [0]
        guard TestMachines.kvmPresent else {
            _ = try TestMachines.run(configuration)
            return
        }
        let hog = try CPUHog(cpu: 0)
        defer { hog.stop() }
        let result = try Machine(configuration).run()
        let guestSteal = try #require(result.guestStealNanoseconds)
        let runDelay = try #require(result.runDelayNanoseconds[0])
        #expect(runDelay > 250_000_000, "the hog should have delayed the vCPU thread; run delay \(runDelay) ns")
        let difference = abs(Double(guestSteal) - Double(runDelay))
        print("steal check: guest KVM steal \(String(format: "%.2f", Double(guestSteal) / 1e6)) ms, vCPU thread run delay "
              + "\(String(format: "%.2f", Double(runDelay) / 1e6)) ms (\(String(format: "%.2f", 100 * difference / Double(runDelay))) % apart)")
        #expect(difference <= 0.05 * Double(runDelay), "guest steal \(guestSteal) ns vs run delay \(runDelay) ns")
    }
}
