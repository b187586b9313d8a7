import Foundation
import Synchronization
import Testing
@testable import VMM

@Suite("Serial console")
struct SerialConsoleTests {
    @Test("THR bytes are captured, LSR says the transmitter is empty, other registers read 0")
    func registers() {
        let serial = SerialConsole()
        for byte in "ok\n".utf8 { #expect(serial.write(port: 0x3F8, value: UInt64(byte)) == .resume) }
        _ = serial.write(port: 0x3F9, value: 0x41) // IER: ignored
        #expect(serial.text == "ok\n")
        func read(_ port: UInt16) -> UInt8 {
            var byte: UInt8 = 0xAA
            withUnsafeMutableBytes(of: &byte) { serial.read(port: port, into: $0) }
            return byte
        }
        #expect(read(0x3FD) == 0x60)
        #expect(read(0x3F8) == 0)
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
