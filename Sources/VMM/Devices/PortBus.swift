/// The I/O ports of one vCPU, mapped to their devices (Firecracker's `Bus`, for ports).
/// Lookup walks a handful of ranges, and nothing here allocates per exit.
struct PortBus {
    private struct Mapping {
        let ports: Range<UInt32>
        let device: any PortDevice
    }

    private var mappings: [Mapping] = []

    /// Maps `count` ports from `first` to `device`; an overlap with a mapped range is a configuration error.
    mutating func attach(_ device: any PortDevice, first: UInt16, count: UInt16) throws {
        let ports = UInt32(first)..<UInt32(first) + UInt32(count)
        if let clash = mappings.first(where: { $0.ports.overlaps(ports) }) {
            throw VMMError.invalidConfiguration(
                "ports \(hex(ports.lowerBound))..<\(hex(ports.upperBound)) overlap \(type(of: clash.device)) at \(hex(clash.ports.lowerBound))..<\(hex(clash.ports.upperBound))")
        }
        mappings.append(Mapping(ports: ports, device: device))
    }

    /// The device that owns `port`, if any.
    func device(at port: UInt16) -> (any PortDevice)? {
        for mapping in mappings where mapping.ports.contains(UInt32(port)) { return mapping.device }
        return nil
    }

    /// An IN of `count` items of `size` bytes: each from the owning device; an
    /// unassigned port reads all ones, as on a PC bus with nothing driving it.
    func read(port: UInt16, size: Int, count: Int, into data: UnsafeMutableRawPointer) {
        let device = device(at: port)
        for item in 0..<count {
            let bytes = UnsafeMutableRawBufferPointer(start: data + item * size, count: size)
            if let device { device.read(port: port, into: bytes) } else { PortBus.floating(bytes) }
        }
    }

    /// What a read from a port nothing drives returns: all ones.
    @inline(__always)
    static func floating(_ bytes: UnsafeMutableRawBufferPointer) {
        bytes.initializeMemory(as: UInt8.self, repeating: 0xFF)
    }

    /// An OUT of `count` items of `size` bytes, in order, until a device says stop; an
    /// unassigned port drops the write, as on a PC bus.
    func write(port: UInt16, size: Int, count: Int, from data: UnsafeRawPointer) throws -> PortWriteOutcome {
        guard let device = device(at: port) else { return .resume }
        for item in 0..<count {
            let value = PortBus.value(at: data + item * size, size: size)
            if try device.write(port: port, value: value) == .stop { return .stop }
        }
        return .resume
    }

    /// The little-endian value of a 1-, 2- or 4-byte access (KVM never reports other sizes; more is cut at 8).
    static func value(at data: UnsafeRawPointer, size: Int) -> UInt64 {
        var value: UInt64 = 0
        for byte in 0..<min(size, 8) { value |= UInt64(data.load(fromByteOffset: byte, as: UInt8.self)) << (8 * UInt64(byte)) }
        return value
    }
}
