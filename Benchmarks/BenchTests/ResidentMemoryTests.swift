import Testing
@testable import perfv_bench

@Suite("Bench resident memory")
struct ResidentMemoryTests {
    let smaps = """
        55b48c739000-55b48c900000 rw-p 00000000 00:00 0                          [heap]
        Size:               1844 kB
        Rss:                1500 kB
        7f0000000000-7f0004200000 rw-p 00000000 00:00 0
        Size:              67584 kB
        Rss:                  80 kB
        VmFlags: rd wr mr mw me nr
        """

    @Test func parsesMappingsAndRss() throws {
        let mappings = try ResidentMemory.parseSmaps(smaps)
        let heap = ResidentMemory.Mapping(start: 0x55b4_8c73_9000, size: 0x1C7000, residentBytes: 1_536_000)
        let ram = ResidentMemory.Mapping(start: 0x7f00_0000_0000, size: 69_206_016, residentBytes: 81_920)
        #expect(mappings == [heap, ram])
    }

    @Test func malformedRssIsAnError() {
        #expect(throws: BenchmarkError.self) { try ResidentMemory.parseSmaps("Rss: many kB") }
        #expect(throws: BenchmarkError.self) {
            try ResidentMemory.parseSmaps("7f0000000000-7f0004200000 rw-p 0 00:00 0\nRss: x kB")
        }
    }

    @Test func findsTheNewGuestRAMMapping() throws {
        let before = [ResidentMemory.Mapping(start: 0x1000, size: 0x1000, residentBytes: 4096)]
        let after = before + [.init(start: 0x10_0000, size: 66 << 20, residentBytes: 81920)]
        #expect(try ResidentMemory.residentBytesOfNewMapping(size: 66 << 20, before: before, after: after) == 81920)
    }

    @Test func subtractsANeighbourTheRAMWasMergedWith() throws {
        // A 1 MiB mapping holding 12 KiB got merged with the 66 MiB guest RAM that follows it.
        let neighbour = ResidentMemory.Mapping(start: 0x10_0000, size: 1 << 20, residentBytes: 12288)
        let merged = ResidentMemory.Mapping(start: 0x10_0000, size: (1 << 20) + (66 << 20), residentBytes: 12288 + 81920)
        #expect(try ResidentMemory.residentBytesOfNewMapping(size: 66 << 20, before: [neighbour], after: [merged]) == 81920)
    }

    @Test func noNewMappingIsAnError() {
        let old = [ResidentMemory.Mapping(start: 0x10_0000, size: 66 << 20, residentBytes: 0)]
        #expect(throws: BenchmarkError.self) {
            try ResidentMemory.residentBytesOfNewMapping(size: 66 << 20, before: old, after: old)
        }
    }
}
