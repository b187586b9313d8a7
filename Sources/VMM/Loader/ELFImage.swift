/// A parsed and validated ELF64 executable for the guest: the loadable segments and the
/// entry point. Parsing reads every field with bounds checks, so arbitrary bytes give an
/// `ImageDefect`, never a crash.
public struct ELFImage: Sendable {
    public struct Segment: Sendable, Equatable {
        /// Guest-physical load address (p_paddr; identity-mapped, so also the virtual address).
        public var address: UInt64
        public var fileOffset: UInt64
        public var fileBytes: UInt64
        public var memoryBytes: UInt64
        public var end: UInt64 { address + memoryBytes }
        func contains(_ value: UInt64) -> Bool { value >= address && value < end }
    }

    public let entry: UInt64
    public let segments: [Segment]

    static let machineX86_64: UInt16 = 62
    static let typeExecutable: UInt16 = 2
    static let programHeaderBytes = 56
    static let loadSegment: UInt32 = 1

    /// Parses `bytes` and checks the segments against the image window and `ramBytes`.
    public init(bytes: [UInt8], ramBytes: UInt64) throws {
        let reader = ByteReader(bytes: bytes)
        guard bytes.count >= 4, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            throw VMMError.malformedImage(.notELF)
        }
        guard bytes.count >= 64 else { throw VMMError.malformedImage(.truncated(what: "the ELF header")) }
        guard bytes[4] == 2 else { throw VMMError.malformedImage(.wrongClass(bytes[4])) }
        guard bytes[5] == 1 else { throw VMMError.malformedImage(.wrongByteOrder(bytes[5])) }
        let type = try reader.u16(16)
        let machine = try reader.u16(18)
        guard machine == ELFImage.machineX86_64 else { throw VMMError.malformedImage(.wrongMachine(machine)) }
        guard type == ELFImage.typeExecutable else { throw VMMError.malformedImage(.notExecutable(type: type)) }
        let entry = try reader.u64(24)
        let tableOffset = try reader.u64(32)
        let entrySize = Int(try reader.u16(54))
        let count = Int(try reader.u16(56))
        guard entrySize >= ELFImage.programHeaderBytes || count == 0 else {
            throw VMMError.malformedImage(.truncated(what: "a program header of \(entrySize) bytes"))
        }

        var segments: [Segment] = []
        for index in 0..<count {
            let (header, overflow) = tableOffset.addingReportingOverflow(UInt64(index * entrySize))
            guard !overflow, header <= UInt64(bytes.count) else {
                throw VMMError.malformedImage(.truncated(what: "program header \(index)"))
            }
            let at = Int(header)
            guard try reader.u32(at) == ELFImage.loadSegment else { continue }
            let segment = Segment(address: try reader.u64(at + 24), fileOffset: try reader.u64(at + 8),
                                  fileBytes: try reader.u64(at + 32), memoryBytes: try reader.u64(at + 40))
            try ELFImage.check(segment, index: index, fileBytes: UInt64(bytes.count), ramBytes: ramBytes)
            if segment.memoryBytes > 0 { segments.append(segment) }
        }
        guard !segments.isEmpty else { throw VMMError.malformedImage(.noLoadableSegment) }
        let ordered = segments.sorted { $0.address < $1.address }
        for (first, second) in zip(ordered, ordered.dropFirst()) where second.address < first.end {
            throw VMMError.malformedImage(.overlappingSegments(first: first.address, second: second.address))
        }
        guard segments.contains(where: { $0.contains(entry) }) else {
            throw VMMError.malformedImage(.entryOutsideImage(entry: entry))
        }
        self.entry = entry
        self.segments = segments
    }

    /// Whether `address` lies in a loaded segment.
    public func contains(_ address: UInt64) -> Bool { segments.contains { $0.contains(address) } }

    private static func check(_ segment: Segment, index: Int, fileBytes: UInt64, ramBytes: UInt64) throws {
        let (fileEnd, fileOverflow) = segment.fileOffset.addingReportingOverflow(segment.fileBytes)
        guard !fileOverflow, fileEnd <= fileBytes, segment.fileBytes <= segment.memoryBytes else {
            throw VMMError.malformedImage(.truncated(what: "segment \(index)'s file bytes"))
        }
        let (end, overflow) = segment.address.addingReportingOverflow(segment.memoryBytes)
        let windowStart = GuestLayout.image
        let windowEnd = GuestLayout.image + GuestLayout.imageMaximumBytes
        guard !overflow, segment.address >= windowStart, segment.address < windowEnd else {
            throw VMMError.malformedImage(.segmentOutsideImageWindow(index: index, start: segment.address, end: overflow ? .max : end))
        }
        guard end <= windowEnd else {
            throw VMMError.malformedImage(.tooLarge(bytes: end - windowStart, limit: GuestLayout.imageMaximumBytes))
        }
        guard end <= ramBytes else {
            throw VMMError.malformedImage(.segmentOutsideRAM(index: index, start: segment.address, end: end, ramBytes: ramBytes))
        }
    }
}

/// Little-endian, bounds-checked field reads from a byte array.
struct ByteReader {
    let bytes: [UInt8]

    func u16(_ at: Int) throws -> UInt16 { UInt16(truncatingIfNeeded: try value(at, 2)) }
    func u32(_ at: Int) throws -> UInt32 { UInt32(truncatingIfNeeded: try value(at, 4)) }
    func u64(_ at: Int) throws -> UInt64 { try value(at, 8) }

    private func value(_ at: Int, _ width: Int) throws -> UInt64 {
        guard at >= 0, width <= bytes.count, at <= bytes.count - width else {
            throw VMMError.malformedImage(.truncated(what: "a \(width)-byte field at offset \(at)"))
        }
        var result: UInt64 = 0
        for offset in (0..<width).reversed() { result = result << 8 | UInt64(bytes[at + offset]) }
        return result
    }
}
