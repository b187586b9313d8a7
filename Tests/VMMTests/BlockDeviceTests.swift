import CGuestABI
import Foundation
import Testing
@testable import VMM

@Suite("Block device descriptors")
struct BlockDeviceTests {
    let memory: GuestMemory
    let device: BlockDevice
    let path: String

    init() throws {
        memory = try GuestMemory(size: 16 << 20)
        path = FileManager.default.temporaryDirectory.appendingPathComponent("perfv-block-\(UUID().uuidString)").path
        device = try BlockDevice(path: path, create: true)
    }

    func request(op: perfv_block_op, offset: UInt64, buffer: UInt64, length: UInt32, at address: UInt64) throws -> perfv_block_status {
        var value = perfv_block_request()
        value.op = op.rawValue
        value.status = PERFV_BLOCK_PENDING
        value.offset = offset
        value.buffer_gpa = buffer
        value.length = length
        try memory.store(value, at: address)
        _ = device.handleRequest(at: address, memory: memory)
        return perfv_block_status(rawValue: try memory.load(perfv_block_request.self, at: address).status)
    }

    @Test("a write then a read round-trips through the host file")
    func roundTrip() throws {
        defer { unlink(path) }
        try memory.write(Array("perfv block".utf8), at: 0x10_0000)
        #expect(try request(op: PERFV_BLOCK_WRITE, offset: 4096, buffer: 0x10_0000, length: 11, at: 0x20000) == PERFV_BLOCK_OK)
        #expect(try request(op: PERFV_BLOCK_READ, offset: 4096, buffer: 0x20_0000, length: 11, at: 0x20020) == PERFV_BLOCK_OK)
        #expect(try memory.read(at: 0x20_0000, count: 11) == Array("perfv block".utf8))
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(file.count == 4096 + 11)
    }

    @Test("bad descriptors get EINVAL in their status, never a host crash")
    func invalidDescriptors() throws {
        defer { unlink(path) }
        let end = memory.size
        #expect(try request(op: PERFV_BLOCK_READ, offset: 0, buffer: end - 8, length: 16, at: 0x20000) == PERFV_BLOCK_EINVAL)
        #expect(try request(op: PERFV_BLOCK_READ, offset: 0, buffer: UInt64.max - 4, length: 16, at: 0x20000) == PERFV_BLOCK_EINVAL)
        #expect(try request(op: PERFV_BLOCK_READ, offset: 0, buffer: 0x1000, length: 0, at: 0x20000) == PERFV_BLOCK_EINVAL)
        #expect(try request(op: perfv_block_op(rawValue: 7), offset: 0, buffer: 0x1000, length: 8, at: 0x20000) == PERFV_BLOCK_EINVAL)
        #expect(try request(op: PERFV_BLOCK_WRITE, offset: UInt64.max - 2, buffer: 0x1000, length: 8, at: 0x20000) == PERFV_BLOCK_EINVAL)
        #expect(device.handleRequest(at: end - 4, memory: memory) == 0) // descriptor itself outside RAM
        #expect(device.handleRequest(at: .max, memory: memory) == 0)
    }

    @Test("the doorbell runs ring entries in order and rejects counts beyond the ring")
    func doorbell() throws {
        defer { unlink(path) }
        let stride = UInt64(MemoryLayout<perfv_block_request>.stride)
        try memory.write([UInt8](repeating: 0xAB, count: 512), at: 0x30_0000)
        for index in 0..<3 as Range<UInt64> {
            var value = perfv_block_request()
            value.op = PERFV_BLOCK_WRITE.rawValue
            value.status = PERFV_BLOCK_PENDING
            value.offset = index * 512
            value.buffer_gpa = index == 1 ? memory.size : 0x30_0000 // entry 1 is bad
            value.length = 512
            try memory.store(value, at: GuestLayout.blockRing + index * stride)
        }
        #expect(try device.handleDoorbell(count: 3, memory: memory, vcpu: 0) == 1024)
        let statuses = try (0..<3 as Range<UInt64>).map { try memory.load(perfv_block_request.self, at: GuestLayout.blockRing + $0 * stride).status }
        #expect(statuses == [PERFV_BLOCK_OK.rawValue, PERFV_BLOCK_EINVAL.rawValue, PERFV_BLOCK_OK.rawValue])
        #expect(throws: VMMError.self) { try device.handleDoorbell(count: UInt32(BlockDevice.ringCapacity + 1), memory: memory, vcpu: 0) }
    }
}
