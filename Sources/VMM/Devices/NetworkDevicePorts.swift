/// One vCPU's view of the machine's `NetworkDevice` on the port bus: its doorbell,
/// and how many exits and packets reached the device from this vCPU.
final class NetworkDevicePorts: PortDevice {
    static let first = NetworkDevice.doorbellPort
    static let count: UInt16 = 4

    private let device: NetworkDevice
    private let memory: GuestMemory
    private let vcpu: Int
    private(set) var exits: UInt64 = 0
    private(set) var packets: UInt64 = 0

    init(device: NetworkDevice, memory: GuestMemory, vcpu: Int) {
        self.device = device
        self.memory = memory
        self.vcpu = vcpu
    }

    /// The doorbell's first byte takes the producer index; other bytes of the range drop writes.
    func write(port: UInt16, value: UInt64) throws -> PortWriteOutcome {
        guard port == NetworkDevice.doorbellPort else { return .resume }
        exits += 1
        do {
            packets += UInt64(try device.transmit(upTo: UInt32(truncatingIfNeeded: value), memory: memory))
        } catch {
            throw VMMError.networkDevice(vcpu: vcpu, error)
        }
        return .resume
    }
}
