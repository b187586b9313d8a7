/// One named region of one thread: a name under a parent. The same name under
/// another parent is another region, as in PAPI-HL's output.
struct NamedRegionStats {
    /// The name's UTF-8 bytes, compared without building a String on the hot path.
    let name: [UInt8]
    /// The index of the enclosing region in the thread's table; -1 at top level.
    let parent: Int
    var stealNanoseconds: Int64 = 0
    var runDelayNanoseconds: Int64 = 0
    /// Calls whose ``Region`` skipped the run delay and steal reads (off CPU for at
    /// most its threshold): their run delay and steal count as 0.
    var waitingReadsSkipped = 0

    func hasName(_ bytes: UnsafeRawBufferPointer) -> Bool {
        name.count == bytes.count && name.withUnsafeBytes { stored in
            stored.elementsEqual(bytes)
        }
    }
}
