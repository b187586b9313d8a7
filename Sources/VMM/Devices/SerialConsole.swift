import CGuestABI
import Synchronization

/// A write-only 16550 UART at COM1 (0x3F8): each byte written to THR is captured and
/// passed to an optional sink. LSR (0x3FD) reads "transmitter empty" so a polling guest
/// never waits; the other UART registers read 0 and ignore writes.
public final class SerialConsole: Sendable, PortDevice {
    public static let basePort = UInt16(PERFV_PORT_SERIAL)
    static let lineStatusPort = basePort + 5
    /// LSR: THR empty (0x20) | transmitter empty (0x40).
    static let transmitterEmpty: UInt8 = 0x60

    private let captured = Mutex<[UInt8]>([])
    private let sink: (@Sendable (UInt8) -> Void)?

    /// `sink` receives each byte as the guest writes it (e.g. to echo to stdout).
    public init(sink: (@Sendable (UInt8) -> Void)? = nil) {
        self.sink = sink
    }

    /// The UART's eight registers from `basePort`.
    static let portCount: UInt16 = 8

    /// OUT: a byte to THR is captured; the other registers ignore writes.
    func write(port: UInt16, value: UInt64) -> PortWriteOutcome {
        guard port == SerialConsole.basePort else { return .resume }
        let byte = UInt8(truncatingIfNeeded: value)
        captured.withLock { $0.append(byte) }
        sink?(byte)
        return .resume
    }

    /// IN: LSR reads "transmitter empty", every other register 0 (each byte of the access).
    func read(port: UInt16, into bytes: UnsafeMutableRawBufferPointer) {
        bytes.initializeMemory(as: UInt8.self, repeating: port == SerialConsole.lineStatusPort ? SerialConsole.transmitterEmpty : 0)
    }

    /// Everything written so far, as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: captured.withLock { $0 }, as: UTF8.self) }
}
