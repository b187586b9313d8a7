import CPerfV

/// Checks a caller's `(values, capacity)` pair of `int64_t` counter values.
enum CValuesOutput {
    /// The caller's array as a buffer of exactly `needed` values, or the error
    /// saying why it cannot hold them (PERFV_EBUFFER names the count needed).
    static func buffer(_ values: UnsafeMutablePointer<Int64>?, capacity: Int32,
                       needed: Int) throws -> UnsafeMutableBufferPointer<Int64> {
        guard capacity >= 0 else { throw CallFailure.invalidArgument("capacity \(capacity) is negative") }
        guard values != nil || capacity == 0 else { throw CallFailure.invalidArgument("values is NULL but capacity is \(capacity)") }
        guard Int(capacity) >= needed else {
            throw CallFailure(PERFV_EBUFFER, "\(needed) values need room; capacity is \(capacity)")
        }
        return UnsafeMutableBufferPointer(start: values, count: needed)
    }

    /// Writes through an out-pointer argument, refusing NULL.
    static func store<T>(_ value: T, to pointer: UnsafeMutablePointer<T>?, argument: String) throws {
        guard let pointer else { throw CallFailure.invalidArgument("\(argument) is NULL") }
        pointer.pointee = value
    }
}
