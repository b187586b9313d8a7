import CLinux
import Testing
@testable import VMM

@Suite("Port bus")
struct PortBusTests {
    /// Records each OUT; reads its own port number's low byte.
    final class Recorder: PortDevice {
        var writes: [(port: UInt16, value: UInt64)] = []
        var stopAfter: Int?
        func read(port: UInt16, into bytes: UnsafeMutableRawBufferPointer) {
            bytes.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: port))
        }
        func write(port: UInt16, value: UInt64) throws -> PortWriteOutcome {
            writes.append((port, value))
            return writes.count == stopAfter ? .stop : .resume
        }
    }

    @Test("ports reach the device that owns their range; unassigned ports read all ones and drop writes")
    func routing() throws {
        let low = Recorder(), high = Recorder()
        var bus = PortBus()
        try bus.attach(low, first: 0x10, count: 4)
        try bus.attach(high, first: 0x14, count: 4)
        #expect(bus.device(at: 0x13) === low)
        #expect(bus.device(at: 0x14) === high)
        #expect(bus.device(at: 0x18) == nil)
        var words: [UInt32] = [0x1234_5678, 0x9ABC_DEF0]
        #expect(try bus.write(port: 0x14, size: 4, count: 2, from: &words) == .resume)
        #expect(high.writes.map(\.value) == [0x1234_5678, 0x9ABC_DEF0])
        #expect(low.writes.isEmpty)
        #expect(try bus.write(port: 0x40, size: 1, count: 1, from: &words) == .resume)
        var bytes: [UInt8] = [0, 0, 0]
        bus.read(port: 0x11, size: 1, count: 3, into: &bytes)
        #expect(bytes == [0x11, 0x11, 0x11])
        bus.read(port: 0x40, size: 1, count: 3, into: &bytes)
        #expect(bytes == [0xFF, 0xFF, 0xFF])
    }

    @Test("a string OUT stops at the item whose device says stop")
    func stop() throws {
        let device = Recorder()
        device.stopAfter = 2
        var bus = PortBus()
        try bus.attach(device, first: 0x510, count: 4)
        var values: [UInt8] = [1, 2, 3]
        #expect(try bus.write(port: 0x510, size: 1, count: 3, from: &values) == .stop)
        #expect(device.writes.map(\.value) == [1, 2])
    }

    @Test("overlapping ranges are a configuration error naming the device already there")
    func overlap() throws {
        var bus = PortBus()
        try bus.attach(Recorder(), first: 0x3F8, count: 8)
        #expect(throws: VMMError.self) { try bus.attach(Recorder(), first: 0x3FF, count: 1) }
    }

    @Test("a KVM exit decodes to its typed value")
    func exitDecoding() {
        let area = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 64)
        defer { area.deallocate() }
        area.initializeMemory(as: UInt8.self, repeating: 0, count: 4096)
        let run = area.assumingMemoryBound(to: kvm_run.self)
        run.pointee.exit_reason = UInt32(KVM_EXIT_X86_WRMSR)
        run.pointee.msr.index = 0x4000_0100
        run.pointee.msr.data = 7
        guard case let .msrWrite(index, value) = VCPUExit(runArea: area) else { Issue.record("not msrWrite"); return }
        #expect(index == 0x4000_0100 && value == 7)
        run.pointee.exit_reason = UInt32(KVM_EXIT_IO)
        run.pointee.io.direction = UInt8(KVM_EXIT_IO_OUT)
        run.pointee.io.port = 0x3F8
        run.pointee.io.size = 1
        run.pointee.io.count = 1
        run.pointee.io.data_offset = 1024
        guard case let .portOut(port, size, count, data) = VCPUExit(runArea: area) else { Issue.record("not portOut"); return }
        #expect(port == 0x3F8 && size == 1 && count == 1 && data == UnsafeRawPointer(area + 1024))
        run.pointee.exit_reason = 999
        guard case .unknown(999) = VCPUExit(runArea: area) else { Issue.record("not unknown"); return }
    }
}
