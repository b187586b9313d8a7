import Testing
@testable import VMM

@Suite("Guest memory")
struct GuestMemoryTests {
    @Test("reads and writes inside RAM round-trip")
    func roundTrip() throws {
        let memory = try GuestMemory(size: 16 << 20)
        try memory.write([1, 2, 3, 4], at: 0x1000)
        #expect(try memory.read(at: 0x1000, count: 4) == [1, 2, 3, 4])
        try memory.store(UInt64(0xDEAD_BEEF), at: (16 << 20) - 8)
        #expect(try memory.load(UInt64.self, at: (16 << 20) - 8) == 0xDEAD_BEEF)
    }

    @Test("accesses that cross or start past the end are typed errors", arguments: [
        (UInt64(16 << 20) - 7, 8), (UInt64(16 << 20), 1), (UInt64.max, 1), (UInt64.max - 3, 8),
    ])
    func outOfRange(address: UInt64, length: Int) throws {
        let memory = try GuestMemory(size: 16 << 20)
        #expect(throws: VMMError.self) { try memory.read(at: address, count: length) }
        #expect(throws: VMMError.self) { try memory.write([UInt8](repeating: 0, count: length), at: address) }
        #expect(!memory.contains(address, length: UInt64(length)))
    }

    @Test("sizes beyond the MMIO window are rejected")
    func tooBig() {
        #expect(throws: VMMError.self) { try GuestMemory(size: GuestLayout.maximumRAMBytes + 1) }
        #expect(throws: VMMError.self) { try GuestMemory(size: 0) }
    }

    @Test("NUMA binding to a node that does not exist is a typed error")
    func numaNode() {
        do {
            _ = try GuestMemory(size: 16 << 20, numaNode: 4096)
            Issue.record("bound to NUMA node 4096")
        } catch let VMMError.numaUnavailable(node, _) {
            #expect(node == 4096)
        } catch {
            Issue.record("wrong error \(error)")
        }
    }

    @Test("NUMA binding to node 0 works where libnuma does")
    func numaNodeZero() throws {
        do {
            let memory = try GuestMemory(size: 16 << 20, numaNode: 0)
            try memory.store(UInt32(7), at: 0)
            #expect(try memory.load(UInt32.self, at: 0) == 7)
        } catch let VMMError.numaUnavailable(_, reason) {
            #expect(reason.contains("numa_available"))
        }
    }
}
