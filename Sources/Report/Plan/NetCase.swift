import VMM

/// A network configuration: `packetCount` UDP datagrams of `packetSize` bytes sent to
/// a receiver on 127.0.0.1 along `route` (which decides the side).
public struct NetCase: Hashable, Sendable {
    public var packetCount: Int
    public var packetSize: Int
    public var route: NetRoute

    /// Packets per doorbell in the guest's batched mode.
    public static let batchPackets = 64
    /// Every packet carries its sequence number (perfv_guest_abi.h).
    public static let smallestPacket = Workload.netSequenceBytes
    /// The largest UDP payload over IPv4.
    public static let largestPacket = Int(NetworkDevice.maximumPacketBytes)
    /// The guest counts packets in 32 bits.
    public static let largestCount = Int(UInt32.max)

    public init(packetCount: Int, packetSize: Int, route: NetRoute) {
        self.packetCount = packetCount
        self.packetSize = packetSize
        self.route = route
    }
}
