/// 4-level page tables that identity-map guest RAM (GVA == GPA) with 2 MiB pages,
/// user-accessible and writable, plus the MMIO window, so a guest access there reaches
/// KVM as an MMIO exit. The first 2 MiB use 4 KiB pages so that page 0 stays unmapped
/// (a NULL dereference is a #PF). Everything else is unmapped.
enum IdentityPageTables {
    static let present: UInt64 = 1 << 0
    static let writable: UInt64 = 1 << 1
    static let user: UInt64 = 1 << 2
    static let largePage: UInt64 = 1 << 7
    static let pageBytes: UInt64 = 0x1000

    // PML4, PDPT, four page directories (4 GiB) and one page table, in that order.
    static var pml4: UInt64 { GuestLayout.pageTables }
    static var pdpt: UInt64 { pml4 + pageBytes }
    static func directory(_ gigabyte: Int) -> UInt64 { pdpt + pageBytes * UInt64(1 + gigabyte) }
    static var firstTable: UInt64 { directory(4) }

    /// Writes the tables into guest memory and returns the CR3 value.
    static func build(in memory: GuestMemory) throws -> UInt64 {
        let flags = present | writable | user
        try memory.zero(at: pml4, length: firstTable + pageBytes - pml4)
        try memory.store(pdpt | flags, at: pml4)
        for gigabyte in 0..<4 {
            try memory.store(directory(gigabyte) | flags, at: pdpt + 8 * UInt64(gigabyte))
        }
        let page = GuestLayout.largePageBytes
        var address: UInt64 = 0
        while address + page <= memory.size {
            try mapLargePage(address, in: memory, flags: flags)
            address += page
        }
        var window = GuestLayout.mmioBase
        while window < GuestLayout.mmioBase + GuestLayout.mmioBytes {
            try mapLargePage(window, in: memory, flags: flags)
            window += page
        }
        // Replace the first large page with 4 KiB pages 1...511 (page 0 stays unmapped).
        try memory.store(firstTable | flags, at: directory(0))
        for index in UInt64(1)..<512 {
            try memory.store((index * pageBytes) | flags, at: firstTable + 8 * index)
        }
        return pml4
    }

    private static func mapLargePage(_ address: UInt64, in memory: GuestMemory, flags: UInt64) throws {
        let gigabyte = Int(address >> 30)
        let entry = (address >> 21) & 511
        try memory.store(address | flags | largePage, at: directory(gigabyte) + 8 * entry)
    }
}
