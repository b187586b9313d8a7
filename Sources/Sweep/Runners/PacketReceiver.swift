import CGuestABI
import SystemCalls

/// The far end of a network case: a UDP socket on 127.0.0.1 that the host baseline
/// and the VM's network device send to. Its buffer is sized to hold a whole run, so
/// it is read after the timed sends (no receiver thread competes with the sender);
/// ``verify()`` then checks that every datagram arrived once, in order, with the
/// NET workload's content (sequence number, then `perfv_net_pattern_byte`).
package final class PacketReceiver {
    let packetCount: Int
    let packetSize: Int
    private let socket: DatagramSocket
    /// The port the senders connect to.
    package let port: UInt16
    /// The receive buffer the kernel granted (SO_RCVBUF), for the loss message.
    let bufferBytes: Int

    /// The kernel charges a datagram its payload plus its buffer's bookkeeping (the
    /// socket buffer's truesize); this bound on the bookkeeping errs on the large side.
    static let overheadPerDatagram = 1024

    package init(packetCount: Int, packetSize: Int) throws {
        self.packetCount = packetCount
        self.packetSize = packetSize
        let (wanted, _) = packetCount.multipliedReportingOverflow(by: packetSize + Self.overheadPerDatagram)
        let opened = try SweepError.reporting { () throws(SystemCallError) in try DatagramSocket(boundToLoopbackPort: 0) }
        port = try SweepError.reporting { () throws(SystemCallError) in try opened.localPort() }
        bufferBytes = try SweepError.reporting { () throws(SystemCallError) in try opened.requestReceiveBuffer(bytes: min(wanted, Int(Int32.max / 2))) }
        socket = opened
    }

    /// Reads every queued datagram; throws unless exactly `packetCount` arrived, each
    /// `packetSize` bytes with the sequence 0, 1, 2, … and the workload's pattern.
    package func verify() throws {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(PERFV_NET_MAX_PACKET_BYTES) + 1, alignment: 8)
        defer { scratch.deallocate() }
        var received = 0
        while true {
            let next = try SweepError.reporting { () throws(SystemCallError) -> Int? in try socket.receiveWithoutWaiting(into: scratch) }
            guard let length = next else { break }
            guard received < packetCount else { throw SweepError.datagramMismatch(sequence: received, what: "one datagram more than the \(packetCount) sent") }
            guard length == packetSize else {
                throw SweepError.datagramMismatch(sequence: received, what: "\(length) bytes, expected \(packetSize)")
            }
            let sequence = scratch.loadUnaligned(as: UInt64.self).littleEndian
            guard sequence == UInt64(received) else {
                throw SweepError.datagramMismatch(sequence: received, what: "carries sequence number \(sequence): datagrams were lost or reordered")
            }
            for byte in Int(PERFV_NET_SEQUENCE_BYTES)..<length where scratch[byte] != perfv_net_pattern_byte(sequence, UInt32(byte)) {
                throw SweepError.datagramMismatch(sequence: received, what: "byte \(byte) differs from what was sent")
            }
            received += 1
        }
        guard received == packetCount else {
            throw SweepError.datagramsLost(expected: packetCount, received: received, receiveBufferBytes: bufferBytes)
        }
    }
}
