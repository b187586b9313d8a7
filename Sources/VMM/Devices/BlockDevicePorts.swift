/// One vCPU's view of the machine's `BlockDevice` on the port bus: the request port and
/// the doorbell, and how many exits and requests reached the device from this vCPU.
final class BlockDevicePorts: PortDevice {
    /// From the request port up to the doorbell's last byte (each takes an OUT32).
    static let first = BlockDevice.requestPort
    static let count = BlockDevice.doorbellPort + 4 - BlockDevice.requestPort

    private let device: BlockDevice
    private let memory: GuestMemory
    private let vcpu: Int
    /// Exits that reached the device (request port or doorbell), and the requests they carried.
    private(set) var exits: UInt64 = 0
    private(set) var requests: UInt64 = 0

    init(device: BlockDevice, memory: GuestMemory, vcpu: Int) {
        self.device = device
        self.memory = memory
        self.vcpu = vcpu
    }


    /// The request port takes a descriptor's GPA, the doorbell a ring count; other bytes of the range drop writes.
    func write(port: UInt16, value: UInt64) throws -> PortWriteOutcome {
        switch port {
        case BlockDevice.requestPort:
            _ = device.handleRequest(at: value, memory: memory)
            exits += 1
            requests += 1
        case BlockDevice.doorbellPort:
            let count = UInt32(truncatingIfNeeded: value)
            _ = try device.handleDoorbell(count: count, memory: memory, vcpu: vcpu)
            exits += 1
            requests += UInt64(count)
        default:
            break
        }
        return .resume
    }
}
