import Foundation
import Synchronization
import Testing
@testable import VMM

@Suite("Serial console")
struct SerialConsoleTests {
    @Test("THR bytes are captured, LSR says the transmitter is empty, other registers read 0")
    func registers() {
        let serial = SerialConsole()
        for byte in "ok\n".utf8 { serial.write(port: 0x3F8, byte: byte) }
        serial.write(port: 0x3F9, byte: 0x41) // IER: ignored
        #expect(serial.text == "ok\n")
        #expect(serial.read(port: 0x3FD) == 0x60)
        #expect(serial.read(port: 0x3F8) == 0)
        #expect(SerialConsole.handles(0x3FF))
        #expect(!SerialConsole.handles(0x400))
    }

    @Test("the console sink sees every byte the guest writes, in order")
    func sink() throws {
        let received = Mutex<[UInt8]>([])
        var configuration = try TestMachines.fixture(.hello)
        configuration.consoleSink = { byte in received.withLock { $0.append(byte) } }
        guard let result = try TestMachines.run(configuration) else { return }
        #expect(String(decoding: received.withLock { $0 }, as: UTF8.self) == result.console)
    }
}
