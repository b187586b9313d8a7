import CGuestABI
import Synchronization

/// A write-only 16550 UART at COM1 (0x3F8): each byte written to THR is captured and
/// passed to an optional sink. LSR (0x3FD) reads "transmitter empty" so a polling guest
/// never waits; the other UART registers read 0 and ignore writes.
public final class SerialConsole: Sendable {
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

    static func handles(_ port: UInt16) -> Bool { port >= basePort && port < basePort + 8 }

    func write(port: UInt16, byte: UInt8) {
        guard port == SerialConsole.basePort else { return }
        captured.withLock { $0.append(byte) }
        sink?(byte)
    }

    func read(port: UInt16) -> UInt8 {
        port == SerialConsole.lineStatusPort ? SerialConsole.transmitterEmpty : 0
    }

    /// Everything written so far, as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: captured.withLock { $0 }, as: UTF8.self) }
}
