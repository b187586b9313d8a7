import CPerfV

/// Checks a caller's `(array, capacity)` pair: counter values, team threads.
enum CValuesOutput {
    /// The caller's array as a buffer of exactly `needed` values, or the error
    /// saying why it cannot hold them (PERFV_EBUFFER names the count needed).
    static func buffer<Element>(_ values: UnsafeMutablePointer<Element>?, capacity: Int32, needed: Int,
                                argument: String = "values") throws -> UnsafeMutableBufferPointer<Element> {
        guard capacity >= 0 else { throw CallFailure.invalidArgument("capacity \(capacity) is negative") }
        guard values != nil || capacity == 0 else { throw CallFailure.invalidArgument("\(argument) is NULL but capacity is \(capacity)") }
        guard Int(capacity) >= needed else {
            throw CallFailure(PERFV_EBUFFER, "\(needed) \(argument) need room; capacity is \(capacity)")
        }
        return UnsafeMutableBufferPointer(start: values, count: needed)
    }

    /// Writes through an out-pointer argument, refusing NULL.
    static func store<T>(_ value: T, to pointer: UnsafeMutablePointer<T>?, argument: String) throws {
        guard let pointer else { throw CallFailure.invalidArgument("\(argument) is NULL") }
        pointer.pointee = value
    }
}
