/// Loads a guest ELF into guest RAM: validates it completely first (ELFImage), then
/// copies each PT_LOAD segment and zero-fills its .bss tail, then reads the image header.
public enum ImageLoader {
    public struct LoadedImage: Sendable {
        public let elf: ELFImage
        public let header: ImageHeader
    }

    public static func load(_ bytes: [UInt8], into memory: GuestMemory) throws -> LoadedImage {
        let elf = try ELFImage(bytes: bytes, ramBytes: memory.size)
        for segment in elf.segments {
            try memory.zero(at: segment.address, length: segment.memoryBytes)
            let start = Int(segment.fileOffset)
            try memory.write(bytes[start..<start + Int(segment.fileBytes)], at: segment.address)
        }
        return LoadedImage(elf: elf, header: try ImageHeader(memory: memory, image: elf))
    }
}
