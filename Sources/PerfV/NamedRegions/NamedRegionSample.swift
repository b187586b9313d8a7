/// One completed call of a named region: what the median needs, kept per call.
struct NamedRegionSample {
    /// The index of the region in its thread's table.
    let region: Int32
    let wallNanoseconds: Int64
    let adjustedNanoseconds: Int64
}
