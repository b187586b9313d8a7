import CGuestABI
import Synchronization
import SystemCalls

/// A transmit-only network device bridged to a UDP socket on 127.0.0.1: every
/// descriptor the guest posts in its transmit ring (PERFV_GPA_NET_RING) leaves as
/// one datagram to `destinationPort`. The guest OUT32s its producer index to
/// PERFV_PORT_NET_DOORBELL; the device sends from its consumer index up to it, in
/// order, before the OUT returns — once per packet or once per batch, as the guest
/// chooses (perfv_guest_abi.h describes the ring).
public final class NetworkDevice {
    public static let doorbellPort = UInt16(PERFV_PORT_NET_DOORBELL)
    public static let ringCapacity = Int(PERFV_NET_RING_BYTES) / MemoryLayout<perfv_net_descriptor>.stride
    public static let maximumPacketBytes = UInt32(PERFV_NET_MAX_PACKET_BYTES)

    public let destinationPort: UInt16
    private let socket: DatagramSocket

    private struct Ring {
        var consumer: UInt32 = 0
        var packets: UInt64 = 0
        var bytes: UInt64 = 0
    }
    /// Every vCPU sees the doorbell; the ring's state is one, so doorbells take turns.
    private let ring = Mutex(Ring())

    /// A socket bound to a free loopback port and connected to 127.0.0.1:`destinationPort`.
    public init(destinationPort: UInt16) throws {
        self.destinationPort = destinationPort
        socket = try VMMError.wrapping { () throws(SystemCallError) in
            let socket = try DatagramSocket(boundToLoopbackPort: 0)
            try socket.connect(toLoopbackPort: destinationPort)
            return socket
        }
    }

    /// Datagrams and payload bytes sent so far.
    public var packetsSent: UInt64 { ring.withLock { $0.packets } }
    public var bytesSent: UInt64 { ring.withLock { $0.bytes } }

    /// Sends descriptors from the consumer index up to `producer` (exclusive, both
    /// free-running); returns how many. A bad descriptor stops the batch there: the
    /// ones before it are sent, it and the rest are not.
    func transmit(upTo producer: UInt32, memory: GuestMemory) throws(NetworkDeviceError) -> UInt32 {
        try ring.withLock { (ring: inout Ring) throws(NetworkDeviceError) -> UInt32 in
            let pending = producer &- ring.consumer
            guard Int(pending) <= Self.ringCapacity else {
                throw .producerBeyondRing(producer: producer, consumer: ring.consumer, capacity: Self.ringCapacity)
            }
            let stride = UInt64(MemoryLayout<perfv_net_descriptor>.stride)
            while ring.consumer != producer {
                let index = ring.consumer
                let slot = GuestLayout.networkRing + UInt64(Int(index) % Self.ringCapacity) * stride
                // The ring lies inside RAM whenever the machine was built with the standard layout.
                guard let descriptor = try? memory.load(perfv_net_descriptor.self, at: slot) else {
                    throw .bufferOutsideRAM(index: index, address: slot, length: UInt32(stride), ramBytes: memory.size)
                }
                guard descriptor.length > 0, descriptor.length <= Self.maximumPacketBytes else {
                    throw .invalidLength(index: index, length: descriptor.length, maximum: Self.maximumPacketBytes)
                }
                guard let buffer = try? memory.pointer(at: descriptor.buffer_gpa, length: UInt64(descriptor.length)) else {
                    throw .bufferOutsideRAM(index: index, address: descriptor.buffer_gpa, length: descriptor.length, ramBytes: memory.size)
                }
                do throws(SystemCallError) {
                    _ = try socket.send(UnsafeRawBufferPointer(start: buffer, count: Int(descriptor.length)))
                } catch {
                    throw .sendFailed(index: index, error)
                }
                ring.consumer &+= 1
                ring.packets += 1
                ring.bytes += UInt64(descriptor.length)
            }
            return pending
        }
    }
}
