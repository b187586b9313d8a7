/// A set of counters read together, like a PAPI event set.
///
/// ```swift
/// let counters = try EventSet(events: ["perf::task-clock", "page-faults", "steal::run_delay_ns"])
/// try counters.start()
/// work()
/// try counters.stop()
/// let values = try counters.read()   // in the order of `eventNames`
/// ```
///
/// Names are `component::event`; an unqualified name is looked up across the
/// enabled components. The counters count the thread that created the event
/// set: perf_event and PAPI open them for it, and run delay is its schedstat.
/// Use one event set per thread, from that thread (an event set is not
/// thread-safe); PAPI's counters refuse another thread with
/// ``CounterError/wrongThread(component:)``, and PAPI runs one event set per
/// thread at a time (``CounterError/onePAPIEventSetPerThread``).
/// `read(into:)` allocates nothing and opens no file. The file descriptors and
/// library handles are released when the event set is deinitialized.
///
/// Semantics follow PAPI: ``start()`` zeroes and starts, ``read(into:)`` gives
/// the counts since the start (frozen after ``stop()``), ``reset()`` zeroes.
public final class EventSet {
    /// The events' qualified names (`component::event`), in value order.
    public var eventNames: [String] { events.map(\.qualifiedName) }
    /// What each value counts, in value order.
    public let events: [CounterEvent]

    /// One component's share of the set: its counters and where its values go.
    private struct Part {
        let counters: any ComponentEventSet
        /// positions[k] is the index in the caller's buffer of the component's k-th value.
        let positions: [Int]
        /// Where the component's values land in `scratch` before being placed.
        let scratchOffset: Int
    }

    private enum State { case idle, running, stopped }

    private let parts: [Part]
    private let scratch: UnsafeMutableBufferPointer<Int64>
    private var state = State.idle

    /// Creates an event set from the shared registry, ``ComponentRegistry/shared``.
    public convenience init(events: [String]) throws {
        try self.init(events: events, components: .shared)
    }

    /// Creates an event set whose names are resolved in `components`.
    /// Throws a ``CounterError`` naming the first event that cannot be counted, or
    /// the ``PerfVError`` of a source that cannot be opened or parsed.
    public init(events names: [String], components: ComponentRegistry) throws {
        guard !names.isEmpty else { throw CounterError.noEvents }
        var resolved: [(component: any CounterComponent, event: String)] = []
        for name in names {
            let target = try components.resolve(name)
            if resolved.contains(where: { $0.component === target.component && $0.event == target.event }) {
                throw CounterError.duplicateEvent(name)
            }
            resolved.append(target)
        }

        var parts: [Part] = []
        var placed: [(position: Int, event: CounterEvent)] = []
        var offset = 0
        var handled = Set<ObjectIdentifier>()
        for (index, target) in resolved.enumerated() where handled.insert(ObjectIdentifier(target.component)).inserted {
            let counters = try target.component.makeEventSet()
            var positions: [Int] = []
            for position in index..<resolved.count where resolved[position].component === target.component {
                placed.append((position, try counters.add(event: resolved[position].event)))
                positions.append(position)
            }
            parts.append(Part(counters: counters, positions: positions, scratchOffset: offset))
            offset += positions.count
        }
        self.parts = parts
        events = placed.sorted { $0.position < $1.position }.map(\.event)
        scratch = .allocate(capacity: names.count)
        scratch.initialize(repeating: 0)
    }

    deinit {
        scratch.deallocate()
    }

    /// Zeroes every counter and starts counting (PAPI_start also starts from zero).
    ///
    /// start, read and stop loop by index: an unspecialized iterator over `parts` (a
    /// debug build) boxes each element on the heap, and regions call these per step.
    public func start() throws {
        guard state != .running else { throw CounterError.alreadyRunning }
        var index = 0
        while index < parts.count {
            do {
                try parts[index].counters.start()
            } catch {
                for started in parts[..<index] { try? started.counters.stop() }
                throw error
            }
            index += 1
        }
        state = .running
    }

    /// Writes the counts since ``start()`` into `values`, in ``eventNames`` order.
    /// After ``stop()`` it returns the counts at the stop. Allocates nothing.
    public func read(into values: UnsafeMutableBufferPointer<Int64>) throws {
        guard state != .idle else { throw CounterError.notStarted }
        guard values.count >= events.count else {
            throw CounterError.bufferTooSmall(needed: events.count, given: values.count)
        }
        var index = 0
        while index < parts.count {
            let part = parts[index]
            let slice = UnsafeMutableBufferPointer(
                rebasing: scratch[part.scratchOffset..<part.scratchOffset + part.positions.count])
            try part.counters.read(into: slice)
            var k = 0
            while k < slice.count {
                values[part.positions[k]] = slice[k]
                k += 1
            }
            index += 1
        }
    }

    /// The counts since ``start()``, in ``eventNames`` order (allocates the array).
    public func read() throws -> [Int64] {
        try [Int64](unsafeUninitializedCapacity: events.count) { buffer, initialized in
            buffer.initialize(repeating: 0)
            initialized = buffer.count
            try read(into: buffer)
        }
    }

    /// The counts since ``start()`` keyed by qualified event name.
    public func readByName() throws -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: zip(eventNames, try read()))
    }

    /// Stops counting; the counts stay readable until the next ``start()`` or ``reset()``.
    public func stop() throws {
        guard state == .running else { throw CounterError.notRunning }
        state = .stopped
        var firstError: Error?
        var index = 0
        while index < parts.count {
            do { try parts[index].counters.stop() } catch { firstError = firstError ?? error }
            index += 1
        }
        if let firstError { throw firstError }
    }

    /// Zeroes every counter, running or stopped.
    public func reset() throws {
        for part in parts { try part.counters.reset() }
    }
}
