import SystemCalls

/// Why the network device refused the guest's transmit ring. Each is the guest's
/// fault (or the host socket's), reported instead of sending anything from the
/// bad descriptor on; nothing the guest writes into the ring can crash the host.
public enum NetworkDeviceError: Error, Equatable, CustomStringConvertible {
    /// The producer index is more than a ring ahead of the device's consumer index.
    case producerBeyondRing(producer: UInt32, consumer: UInt32, capacity: Int)
    /// A descriptor's length is 0 or larger than a UDP datagram can carry.
    case invalidLength(index: UInt32, length: UInt32, maximum: UInt32)
    /// A descriptor's buffer is not inside guest RAM.
    case bufferOutsideRAM(index: UInt32, address: UInt64, length: UInt32, ramBytes: UInt64)
    /// send(2) of a descriptor's datagram failed on the host.
    case sendFailed(index: UInt32, SystemCallError)

    public var description: String {
        switch self {
        case let .producerBeyondRing(producer, consumer, capacity):
            return "producer index \(producer) is \(producer &- consumer) descriptors ahead of the consumer index \(consumer); the ring holds \(capacity)"
        case let .invalidLength(index, length, maximum):
            return "descriptor \(index) has length \(length); a packet is 1...\(maximum) bytes"
        case let .bufferOutsideRAM(index, address, length, ramBytes):
            return "descriptor \(index)'s buffer \(hex(address))+\(length) is outside guest RAM (\(ramBytes) bytes)"
        case let .sendFailed(index, error):
            return "descriptor \(index) could not be sent: \(error)"
        }
    }
}
