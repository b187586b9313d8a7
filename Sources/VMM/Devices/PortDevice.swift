/// A device on the `PortBus`: it owns a range of I/O ports and answers each IN and OUT
/// the guest makes there. Called on the vCPU thread that took the exit.
protocol PortDevice: AnyObject {
    /// IN from `port`: fill `bytes` (the access size, 1, 2 or 4).
    func read(port: UInt16, into bytes: UnsafeMutableRawBufferPointer)
    /// OUT of `value` (the access size's bytes, zero-extended) to `port`. Throws a
    /// `VMMError` to end the vCPU (a fault report, a bad doorbell).
    func write(port: UInt16, value: UInt64) throws -> PortWriteOutcome
}

extension PortDevice {
    /// A write-only device reads like an unassigned port: all bits set, as on an ISA bus
    /// where nothing drives the lines.
    func read(port: UInt16, into bytes: UnsafeMutableRawBufferPointer) {
        PortBus.floating(bytes)
    }
}

/// Whether the vCPU runs on after an OUT.
enum PortWriteOutcome {
    case resume
    /// The guest is done (PERFV_HC_EXIT): leave the run loop.
    case stop
}
