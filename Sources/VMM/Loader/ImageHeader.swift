import CGuestABI

/// The `struct perfv_image_header` at the start of the guest image: where the supervisor's
/// entry points are, so the VMM can build the IDT and SYSCALL MSRs from the host.
public struct ImageHeader: Sendable, Equatable {
    public var supervisorEntry: UInt64
    public var userEntry: UInt64
    public var syscallEntry: UInt64
    /// IDT targets for vectors 0...31 (0 = no handler).
    public var exceptionEntries: [UInt64]

    /// Reads the header from loaded guest memory and checks every entry lies in `image`.
    init(memory: GuestMemory, image: ELFImage) throws {
        let size = UInt64(MemoryLayout<perfv_image_header>.size)
        guard image.contains(GuestLayout.image), image.contains(GuestLayout.image + size - 1) else {
            throw VMMError.malformedImage(.badHeader(reason: "no loaded segment holds the \(size)-byte header at \(hex(GuestLayout.image))"))
        }
        let raw = try memory.load(perfv_image_header.self, at: GuestLayout.image)
        guard raw.magic == PERFV_IMAGE_MAGIC else {
            throw VMMError.malformedImage(.badHeader(reason: "magic \(hex(raw.magic)) is not \(hex(PERFV_IMAGE_MAGIC)) (\"PERFV\")"))
        }
        guard raw.abi_version == PERFV_ABI_VERSION else {
            throw VMMError.malformedImage(.badHeader(reason: "ABI version \(raw.abi_version); this VMM speaks \(PERFV_ABI_VERSION)"))
        }
        guard raw.header_bytes == UInt32(size) else {
            throw VMMError.malformedImage(.badHeader(reason: "header_bytes \(raw.header_bytes) is not \(size)"))
        }
        supervisorEntry = raw.supervisor_entry
        userEntry = raw.user_entry
        syscallEntry = raw.syscall_entry
        exceptionEntries = withUnsafeBytes(of: raw.exception_entry) { Array($0.bindMemory(to: UInt64.self)) }
        for (name, address) in [("supervisor_entry", supervisorEntry), ("user_entry", userEntry), ("syscall_entry", syscallEntry)]
        where !image.contains(address) {
            throw VMMError.malformedImage(.badHeader(reason: "\(name) \(hex(address)) is outside the loaded image"))
        }
        for (vector, address) in exceptionEntries.enumerated() where address != 0 && !image.contains(address) {
            throw VMMError.malformedImage(.badHeader(reason: "exception_entry[\(vector)] \(hex(address)) is outside the loaded image"))
        }
    }
}
