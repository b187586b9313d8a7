import CGuestABI
import CKernels
import PerfV
import Report
import SystemCalls

/// Sends P datagrams of S bytes from a connected UDP socket to a ``PacketReceiver``
/// on 127.0.0.1, one send(2) each, timed by a PerfV ``Region`` over the sends only
/// (as the guest times only its doorbells). The packets are the guest NET workload's
/// (perfv_guest_abi.h), so their FNV-1a checksum equals the guest's for the same P and S.
final class HostNetRunner {
    let packetSize: Int
    let packetCount: Int
    private let packets: UnsafeMutableRawBufferPointer

    init(packetSize: Int, packetCount: Int) throws {
        self.packetSize = packetSize
        self.packetCount = packetCount
        let bytes = SweepCase.net(packetCount: packetCount, packetSize: packetSize, route: .socket).dataBytes
        try HostMemory.check(bytes, for: "the \(packetCount) packets of \(packetSize) bytes")
        packets = .allocate(byteCount: bytes, alignment: 4096)
        HostNetRunner.fill(packets, packetSize: packetSize)
    }

    deinit {
        packets.deallocate()
    }

    /// The NET workload's packets: the sequence number (little-endian), then the pattern.
    static func fill(_ packets: UnsafeMutableRawBufferPointer, packetSize: Int) {
        let sequenceBytes = Int(PERFV_NET_SEQUENCE_BYTES)
        for sequence in 0..<(packets.count / packetSize) {
            let start = sequence * packetSize
            packets.storeBytes(of: UInt64(sequence).littleEndian, toByteOffset: start, as: UInt64.self)
            for byte in sequenceBytes..<packetSize {
                packets[start + byte] = perfv_net_pattern_byte(UInt64(sequence), UInt32(byte))
            }
        }
    }

    /// One pass to a fresh receiver, verified; returns the region's measurement,
    /// bytes and packets sent, and the packets' checksum.
    func run(in region: Region) throws -> (measurement: RegionMeasurement, bytes: Int, packets: Int, checksum: UInt64) {
        let receiver = try PacketReceiver(packetCount: packetCount, packetSize: packetSize)
        let socket = try SweepError.reporting { () throws(SystemCallError) in
            let socket = try DatagramSocket(boundToLoopbackPort: 0)
            try socket.connect(toLoopbackPort: receiver.port)
            return socket
        }
        let base = UnsafeRawPointer(packets.baseAddress!)
        try region.begin()
        try SweepError.reporting { () throws(SystemCallError) in
            for sequence in 0..<packetCount {
                _ = try socket.send(UnsafeRawBufferPointer(start: base + sequence * packetSize, count: packetSize))
            }
        }
        let measurement = try region.end()
        try receiver.verify()
        let checksum = perfv_fnv1a64(base, packets.count)
        return (measurement, packetCount * packetSize, packetCount, checksum)
    }
}
