/// A component whose counters are running totals that only the source advances
/// (a VMM's per-vCPU exit counts, a device's byte counts): it only has to read
/// the totals. ``CumulativeEventSet`` supplies the event-set semantics (baseline
/// at start, deltas on read, frozen at stop, reset), so adding such a source is
/// one type conforming to this protocol plus ``ComponentRegistry/register(_:)``.
public protocol CumulativeCounterComponent: CounterComponent {
    /// Writes the current totals of the events at `indices` (positions in
    /// ``CounterComponent/events``) into `totals`, in that order.
    ///
    /// A hot path: it must allocate nothing, open no file and take no lock.
    func readTotals(of indices: UnsafeBufferPointer<Int>, into totals: UnsafeMutableBufferPointer<Int64>) throws
}

extension CumulativeCounterComponent {
    public func makeEventSet() throws -> any ComponentEventSet {
        CumulativeEventSet(component: self)
    }
}
