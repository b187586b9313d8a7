import CGuestABI
import SystemCalls
import Testing
@testable import Sweep

/// The network cases' receiver must catch every way a stream can go wrong, or a lost
/// datagram would pass for a fast run.
@Suite("Packet receiver")
struct PacketReceiverTests {
    /// The NET workload's packet `sequence` of `size` bytes.
    static func packet(_ sequence: Int, size: Int) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size * (sequence + 1), alignment: 8)
        defer { buffer.deallocate() }
        HostNetRunner.fill(buffer, packetSize: size)
        return Array(buffer[(sequence * size)...])
    }

    static func send(_ packets: [[UInt8]], to receiver: PacketReceiver) throws {
        let socket = try DatagramSocket(boundToLoopbackPort: 0)
        try socket.connect(toLoopbackPort: receiver.port)
        for packet in packets { _ = try packet.withUnsafeBytes { try socket.send($0) } }
    }

    @Test("the whole stream in order passes")
    func intact() throws {
        let receiver = try PacketReceiver(packetCount: 5, packetSize: 100)
        try Self.send((0..<5).map { Self.packet($0, size: 100) }, to: receiver)
        try receiver.verify()
    }

    @Test("a lost, reordered, short, corrupted or extra datagram is named")
    func broken() throws {
        let good = (0..<4).map { Self.packet($0, size: 64) }
        var corrupted = good
        corrupted[2][40] ^= 1
        var short = good
        short[1].removeLast()
        let streams: [([[UInt8]], SweepError)] = [
            (Array(good.prefix(3)), .datagramsLost(expected: 4, received: 3, receiveBufferBytes: 0)),
            ([good[0], good[2], good[1], good[3]], .datagramMismatch(sequence: 1, what: "carries sequence number 2: datagrams were lost or reordered")),
            (short, .datagramMismatch(sequence: 1, what: "63 bytes, expected 64")),
            (corrupted, .datagramMismatch(sequence: 2, what: "byte 40 differs from what was sent")),
            (good + [Self.packet(4, size: 64)], .datagramMismatch(sequence: 4, what: "one datagram more than the 4 sent")),
        ]
        for (stream, expected) in streams {
            let receiver = try PacketReceiver(packetCount: 4, packetSize: 64)
            try Self.send(stream, to: receiver)
            do {
                try receiver.verify()
                Issue.record("accepted a broken stream; expected \(expected)")
            } catch let error as SweepError {
                if case .datagramsLost(let sent, let received, _) = error {
                    #expect(expected == .datagramsLost(expected: sent, received: received, receiveBufferBytes: 0))
                } else {
                    #expect(error == expected)
                }
            }
        }
    }
}
