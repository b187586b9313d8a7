/// The part of an ``EventSet`` that one component counts.
///
/// ``EventSet`` checks the state transitions (start only when stopped, stop only
/// when running, read only after a start), so conforming types may assume them.
/// `read(into:)` is a hot path: it must allocate nothing, open no file and take no lock.
public protocol ComponentEventSet: AnyObject {
    /// Prepares counting `event` (its name without the `component::` prefix) and
    /// returns what will be counted. Throws a ``CounterError`` that names the event
    /// when it cannot be counted.
    func add(event: String) throws -> CounterEvent
    /// The number of events added so far; `read(into:)` writes this many values.
    var count: Int { get }
    /// Zeroes the counts and starts counting.
    func start() throws
    /// Writes the counts since `start()`, in the order the events were added.
    func read(into values: UnsafeMutableBufferPointer<Int64>) throws
    /// Stops counting; later reads return the counts at the moment of the stop.
    func stop() throws
    /// Zeroes the counts, whether running or stopped.
    func reset() throws
}
