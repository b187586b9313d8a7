import CGuestABI
import CKernels
import SystemCalls
import Testing
@testable import VMM

/// The network device's transmit ring, driven directly (no VM), and the NET workload in a VM.
@Suite("Network device")
final class NetworkDeviceTests {
    let memory: GuestMemory
    /// Where the device's datagrams arrive: a socket the test owns.
    let receiver: DatagramSocket
    let device: NetworkDevice

    init() throws {
        memory = try GuestMemory(size: 16 << 20)
        receiver = try DatagramSocket(boundToLoopbackPort: 0)
        // Room for a whole ring of small datagrams: they are read only after the sends.
        _ = try receiver.requestReceiveBuffer(bytes: 16 << 20)
        device = try NetworkDevice(destinationPort: try receiver.localPort())
    }

    static let stride = UInt64(MemoryLayout<perfv_net_descriptor>.stride)

    func post(index: UInt32, buffer: UInt64, length: UInt32) throws {
        var descriptor = perfv_net_descriptor()
        descriptor.buffer_gpa = buffer
        descriptor.length = length
        let slot = GuestLayout.networkRing + UInt64(Int(index) % NetworkDevice.ringCapacity) * Self.stride
        try memory.store(descriptor, at: slot)
    }

    /// Every datagram queued at the receiver, in arrival order.
    func received() throws -> [[UInt8]] {
        var datagrams: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 70_000)
        while let length = try buffer.withUnsafeMutableBytes({ try receiver.receiveWithoutWaiting(into: $0) }) {
            datagrams.append(Array(buffer[0..<length]))
        }
        return datagrams
    }

    @Test("the doorbell sends each posted descriptor once, in order, and wraps around the ring")
    func sendsInOrder() throws {
        let payloads: [[UInt8]] = [Array("first".utf8), Array("second packet".utf8), [UInt8](repeating: 0x5A, count: 1472)]
        for (index, payload) in payloads.enumerated() {
            let buffer = 0x20_0000 + UInt64(index) * 0x1000
            try memory.write(payload, at: buffer)
            try post(index: UInt32(index), buffer: buffer, length: UInt32(payload.count))
        }
        #expect(try device.transmit(upTo: 1, memory: memory) == 1)
        #expect(try device.transmit(upTo: 3, memory: memory) == 2)
        #expect(try device.transmit(upTo: 3, memory: memory) == 0, "a repeated doorbell sends nothing again")
        #expect(try received() == payloads)

        // A whole ring and one more slot: slot 0 is reused for descriptor `capacity`.
        let capacity = UInt32(NetworkDevice.ringCapacity)
        try memory.write([1, 2, 3, 4], at: 0x30_0000)
        for index in 3..<(capacity + 4) { try post(index: index, buffer: 0x30_0000, length: 4) }
        #expect(try device.transmit(upTo: capacity + 2, memory: memory) == capacity - 1)
        #expect(try device.transmit(upTo: capacity + 4, memory: memory) == 2)
        let wrapped = try received()
        #expect(wrapped.count == Int(capacity) + 1 && wrapped.allSatisfy { $0 == [1, 2, 3, 4] })
        #expect(device.packetsSent == UInt64(capacity) + 4)
        #expect(device.bytesSent == UInt64(5 + 13 + 1472) + 4 * (UInt64(capacity) + 1))
    }

    @Test("malformed rings get a typed device error and send nothing from the bad descriptor on")
    func malformedRings() throws {
        let capacity = NetworkDevice.ringCapacity
        #expect(throws: NetworkDeviceError.producerBeyondRing(producer: UInt32(capacity + 1), consumer: 0, capacity: capacity)) {
            try device.transmit(upTo: UInt32(capacity + 1), memory: memory)
        }
        #expect(throws: NetworkDeviceError.producerBeyondRing(producer: .max, consumer: 0, capacity: capacity)) {
            try device.transmit(upTo: .max, memory: memory) // "behind" the consumer is far ahead, mod 2³²
        }
        try memory.write([7, 7, 7, 7], at: 0x20_0000)
        try post(index: 0, buffer: 0x20_0000, length: 4)
        try post(index: 1, buffer: 0x20_0000, length: 0)
        #expect(throws: NetworkDeviceError.invalidLength(index: 1, length: 0, maximum: 65507)) {
            try device.transmit(upTo: 2, memory: memory)
        }
        #expect(try received() == [[7, 7, 7, 7]], "the good descriptor before the bad one went out")
        try post(index: 1, buffer: 0x20_0000, length: 65508)
        #expect(throws: NetworkDeviceError.invalidLength(index: 1, length: 65508, maximum: 65507)) {
            try device.transmit(upTo: 2, memory: memory)
        }
        try post(index: 1, buffer: memory.size - 2, length: 4)
        #expect(throws: NetworkDeviceError.bufferOutsideRAM(index: 1, address: memory.size - 2, length: 4, ramBytes: memory.size)) {
            try device.transmit(upTo: 2, memory: memory)
        }
        try post(index: 1, buffer: .max - 1, length: 4)
        #expect(throws: NetworkDeviceError.bufferOutsideRAM(index: 1, address: .max - 1, length: 4, ramBytes: memory.size)) {
            try device.transmit(upTo: 2, memory: memory)
        }
        #expect(try received().isEmpty)
        #expect(device.packetsSent == 1)
    }

    @Test("a bad doorbell ends the vCPU with VMMError.networkDevice naming it")
    func portError() throws {
        let ports = NetworkDevicePorts(device: device, memory: memory, vcpu: 3)
        do {
            _ = try ports.write(port: NetworkDevice.doorbellPort, value: UInt64(NetworkDevice.ringCapacity + 5))
            Issue.record("the doorbell accepted a producer index beyond the ring")
        } catch let VMMError.networkDevice(vcpu, error) {
            #expect(vcpu == 3)
            #expect(error == .producerBeyondRing(producer: UInt32(NetworkDevice.ringCapacity + 5), consumer: 0, capacity: NetworkDevice.ringCapacity))
            #expect("\(VMMError.networkDevice(vcpu: vcpu, error))".contains("the ring holds \(NetworkDevice.ringCapacity)"))
        }
        #expect(ports.exits == 1 && ports.packets == 0)
    }

    @Test("a guest that posts a buffer outside its RAM is stopped with the device error; the host carries on")
    func guestMalformedRing() throws {
        var configuration = try TestMachines.fixture(.networkDescriptorOutsideRAM)
        configuration.networkDestinationPort = try receiver.localPort()
        guard let error = try TestMachines.failure(configuration) else { return }
        let ram = configuration.memoryBytes
        guard case let .networkDevice(vcpu, deviceError) = error else {
            Issue.record("expected VMMError.networkDevice, got \(error)")
            return
        }
        #expect(vcpu == 0)
        #expect(deviceError == .bufferOutsideRAM(index: 0, address: ram, length: 64, ramBytes: ram))
        #expect(try received().isEmpty)
    }

    @Test("the NET workload's packets all reach the receiver, in sequence, in both modes", arguments: Workload.NetMode.allCases)
    func guestSends(mode: Workload.NetMode) throws {
        let packets: UInt32 = 300, packetBytes: UInt32 = 200, batch: UInt32 = 64
        var configuration = MachineConfiguration(workload: .net(packets: packets, packetBytes: packetBytes, mode: mode, batch: batch))
        configuration.memoryBytes = 64 << 20
        configuration.networkDestinationPort = try receiver.localPort()
        guard let result = try TestMachines.run(configuration) else { return }
        let datagrams = try received()
        #expect(datagrams.count == Int(packets))
        for (index, datagram) in datagrams.enumerated() {
            #expect(datagram.count == Int(packetBytes))
            let sequence = datagram[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(sequence == UInt64(index), "datagram \(index) carries sequence \(sequence)")
            #expect(datagram[8...].enumerated().allSatisfy { $0.element == perfv_net_pattern_byte(sequence, UInt32($0.offset + 8)) })
        }
        let all = datagrams.flatMap { $0 }
        #expect(result.checksum == all.withUnsafeBytes { perfv_fnv1a64($0.baseAddress, $0.count) })
        #expect(result.result(PERFV_RESULT_BYTES) == UInt64(packets) * UInt64(packetBytes))
        #expect(result.result(PERFV_RESULT_REQUESTS) == UInt64(packets))
        #expect(try #require(result.guestWallNanoseconds) > 0)
    }
}
