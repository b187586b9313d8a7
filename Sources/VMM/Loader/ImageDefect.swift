/// Why a guest payload was rejected by the loader (the text is the message).
public enum ImageDefect: Equatable, Sendable, CustomStringConvertible {
    case notELF
    case truncated(what: String)
    case wrongClass(UInt8)
    case wrongByteOrder(UInt8)
    case wrongMachine(UInt16)
    case notExecutable(type: UInt16)
    case noLoadableSegment
    case segmentOutsideImageWindow(index: Int, start: UInt64, end: UInt64)
    case segmentOutsideRAM(index: Int, start: UInt64, end: UInt64, ramBytes: UInt64)
    case tooLarge(bytes: UInt64, limit: UInt64)
    case overlappingSegments(first: UInt64, second: UInt64)
    case entryOutsideImage(entry: UInt64)
    case badHeader(reason: String)

    public var description: String {
        switch self {
        case .notELF: return "not an ELF file (bad magic)"
        case let .truncated(what): return "truncated: \(what) lies beyond the end of the file"
        case let .wrongClass(value): return "ELF class \(value) is not ELFCLASS64 (2)"
        case let .wrongByteOrder(value): return "ELF data encoding \(value) is not little-endian (1)"
        case let .wrongMachine(value): return "ELF machine \(value) is not EM_X86_64 (62)"
        case let .notExecutable(type): return "ELF type \(type) is not ET_EXEC (2)"
        case .noLoadableSegment: return "no PT_LOAD segment"
        case let .segmentOutsideImageWindow(index, start, end):
            return "segment \(index) [\(hex(start)), \(hex(end))) is outside the image window [\(hex(GuestLayout.image)), \(hex(GuestLayout.image + GuestLayout.imageMaximumBytes)))"
        case let .segmentOutsideRAM(index, start, end, ramBytes):
            return "segment \(index) [\(hex(start)), \(hex(end))) is outside guest RAM (\(ramBytes) bytes)"
        case let .tooLarge(bytes, limit): return "image is \(bytes) bytes; the limit is \(limit)"
        case let .overlappingSegments(first, second): return "segments at \(hex(first)) and \(hex(second)) overlap"
        case let .entryOutsideImage(entry): return "entry point \(hex(entry)) is outside every loaded segment"
        case let .badHeader(reason): return "bad image header: \(reason)"
        }
    }
}
