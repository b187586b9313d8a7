import CPerfV
import PerfV

/// What an event set handle holds: the names added so far and the PerfV
/// ``EventSet`` built from them.
///
/// PerfV's `EventSet` takes its events at creation, so each add builds a new
/// one from the names so far plus the new name; PerfV itself then rejects an
/// unknown name or a disabled component, and the previous set stays in place.
/// The handle table gives each call exclusive use of the box.
final class EventSetBox {
    private(set) var names: [String] = []
    private(set) var eventSet: EventSet?
    /// Between a successful start and the next stop; adding then would replace a running set.
    private var isRunning = false

    func add(_ name: String) throws {
        guard !isRunning else { throw CallFailure.badState("cannot add \(name) to a running event set; stop it first") }
        eventSet = try EventSet(events: names + [name])
        names.append(name)
    }

    func start() throws {
        try built(for: "start").start()
        isRunning = true
    }

    func read(into values: UnsafeMutableBufferPointer<Int64>) throws {
        try built(for: "read").read(into: values)
    }

    func stop() throws {
        let eventSet = try built(for: "stop")
        // EventSet.stop leaves the set stopped even when a component's stop fails.
        defer { isRunning = false }
        try eventSet.stop()
    }

    func reset() throws {
        try built(for: "reset").reset()
    }

    private func built(for operation: String) throws -> EventSet {
        guard let eventSet else {
            throw CallFailure.badState("cannot \(operation) an event set with no events; add one with perfv_eventset_add")
        }
        return eventSet
    }
}
