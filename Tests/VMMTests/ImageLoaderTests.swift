import Testing
@testable import VMM

@Suite("Guest image loader")
struct ImageLoaderTests {
    static let ramBytes: UInt64 = 32 << 20

    func fixture() throws -> [UInt8] { try FixtureGuest.elf.get() }

    /// Loads `bytes` and returns the defect it was rejected for (nil if it loaded).
    func defect(_ bytes: [UInt8], ramBytes: UInt64 = ramBytes) throws -> ImageDefect? {
        let memory = try GuestMemory(size: ramBytes)
        do {
            _ = try ImageLoader.load(bytes, into: memory)
            return nil
        } catch let VMMError.malformedImage(defect) {
            return defect
        }
    }

    func patched(_ bytes: [UInt8], at offset: Int, _ value: UInt64, width: Int) -> [UInt8] {
        var copy = bytes
        for index in 0..<width { copy[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        return copy
    }

    /// Offset of the first program header.
    func programHeader(_ bytes: [UInt8]) throws -> Int { Int(try ByteReader(bytes: bytes).u64(32)) }

    @Test("the bundled guest runtime and the fixture both load, with headers inside the image")
    func validImagesLoad() throws {
        let memory = try GuestMemory(size: Self.ramBytes)
        for bytes in [GuestImage.bundledELF, try fixture()] {
            let image = try ImageLoader.load(bytes, into: memory)
            #expect(image.elf.contains(image.header.supervisorEntry))
            #expect(image.elf.contains(image.header.userEntry))
            #expect(image.header.exceptionEntries.count == 32)
            #expect(image.header.exceptionEntries[14] != 0)
        }
    }

    @Test("each malformed payload is rejected with its own defect")
    func defects() throws {
        let good = try fixture()
        let phdr = try programHeader(good)
        #expect(try defect(Array("#!/bin/sh\necho hi\n".utf8)) == .notELF)
        #expect(try defect([]) == .notELF)
        #expect(try defect(Array(good.prefix(40))) == .truncated(what: "the ELF header"))
        #expect(try defect(patched(good, at: 4, 1, width: 1)) == .wrongClass(1))
        #expect(try defect(patched(good, at: 5, 2, width: 1)) == .wrongByteOrder(2))
        #expect(try defect(patched(good, at: 18, 183, width: 2)) == .wrongMachine(183)) // EM_AARCH64
        #expect(try defect(patched(good, at: 16, 3, width: 2)) == .notExecutable(type: 3)) // ET_DYN
        #expect(try defect(patched(good, at: 24, 0x100, width: 8)) == .entryOutsideImage(entry: 0x100))
        // p_memsz of the one PT_LOAD grown past the 4 MiB image window.
        #expect(try defect(patched(good, at: phdr + 40, 0x50_0000, width: 8))
                == .tooLarge(bytes: 0x50_0000, limit: GuestLayout.imageMaximumBytes))
        // p_paddr moved below the window (into the page tables).
        let low = try defect(patched(good, at: phdr + 24, 0x1_0000, width: 8))
        #expect(low == .segmentOutsideImageWindow(index: 0, start: 0x1_0000, end: 0x1_0000 + UInt64(try ByteReader(bytes: good).u64(phdr + 40))))
        // p_offset past the end of the file.
        #expect(try defect(patched(good, at: phdr + 8, UInt64(good.count), width: 8)) == .truncated(what: "segment 0's file bytes"))
        // Header magic broken.
        let textOffset = Int(try ByteReader(bytes: good).u64(phdr + 8))
        if case .badHeader = try defect(patched(good, at: textOffset, 0x1234, width: 8)) {} else { Issue.record("bad magic accepted") }
    }

    @Test("a segment beyond a small RAM is rejected")
    func segmentOutsideRAM() throws {
        do {
            _ = try ELFImage(bytes: try fixture(), ramBytes: 0x20_0100)
            Issue.record("loaded beyond RAM")
        } catch let VMMError.malformedImage(defect) {
            guard case .segmentOutsideRAM(index: 0, start: 0x20_0000, _, ramBytes: 0x20_0100) = defect else {
                Issue.record("wrong defect \(defect)")
                return
            }
        }
    }

    @Test("the Machine refuses a malformed payload before creating vCPUs")
    func machineRejectsPayload() throws {
        var configuration = MachineConfiguration(workload: .hello)
        configuration.image = patched(try fixture(), at: 18, 40, width: 2) // EM_ARM
        configuration.memoryBytes = 32 << 20
        do {
            _ = try Machine(configuration)
            Issue.record("machine accepted an ARM image")
        } catch let VMMError.malformedImage(defect) {
            #expect(defect == .wrongMachine(40))
        } catch let VMMError.kvmUnavailable(path) {
            #expect(!TestMachines.kvmPresent, "\(path)")
        }
    }

    /// A small deterministic generator (SplitMix64) so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("truncated, mutated and random inputs never crash: they load or give a typed defect")
    func fuzz() throws {
        let seeds = [try fixture(), GuestImage.bundledELF]
        let memory = try GuestMemory(size: Self.ramBytes)
        var random = SplitMix(state: 0x5045_5246_56)
        var rejected = 0
        var loaded = 0
        func attempt(_ bytes: [UInt8]) {
            do {
                _ = try ImageLoader.load(bytes, into: memory)
                loaded += 1
            } catch let error as VMMError {
                guard case .malformedImage = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                rejected += 1
            } catch {
                Issue.record("untyped error \(error)")
            }
        }
        for seed in seeds {
            for length in stride(from: 0, to: min(seed.count, 4096), by: 7) { attempt(Array(seed.prefix(length))) }
            for _ in 0..<1500 {
                var bytes = seed
                for _ in 0..<Int.random(in: 1...8, using: &random) {
                    // Mutate mostly the headers, where the parser looks.
                    let position = Int.random(in: 0..<min(bytes.count, 512), using: &random)
                    bytes[position] = UInt8.random(in: 0...255, using: &random)
                }
                attempt(bytes)
            }
        }
        for _ in 0..<500 {
            var bytes = (0..<Int.random(in: 0...512, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if bytes.count >= 4 && Bool.random(using: &random) { bytes.replaceSubrange(0..<4, with: [0x7F, 0x45, 0x4C, 0x46]) }
            attempt(bytes)
        }
        #expect(rejected > 0)
        #expect(loaded > 0) // mutations of padding bytes leave a valid image
    }
}
