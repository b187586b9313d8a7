/// The event-set half of a ``CumulativeCounterComponent``: values are the
/// totals' growth since ``start()``, frozen by ``stop()``, zeroed by ``reset()``.
///
/// A component whose reads need per-set state (`net::` keeps a file open for each
/// added counter) passes its own `resolve` and `readTotals`; the semantics stay here.
final class CumulativeEventSet: ComponentEventSet {
    private let events: [CounterEvent]
    private let resolve: (String) throws -> Int
    private let readTotals: (UnsafeBufferPointer<Int>, UnsafeMutableBufferPointer<Int64>) throws -> Void
    /// Positions in `events` of the added events.
    private var indices = UnsafeMutableBufferPointer<Int>.allocate(capacity: 0)
    /// Totals at the start (or the last reset while running).
    private var baseline = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 0)
    /// Totals read now, and the values at the last stop.
    private var latest = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 0)
    private var stopped = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 0)
    private var isRunning = false
    private(set) var count = 0

    /// The event set of a component that reads its totals without per-set state.
    convenience init<Component: CumulativeCounterComponent>(component: Component) {
        let events = component.events
        let name = component.name
        self.init(events: events, resolve: { event in
            guard let index = events.firstIndex(where: { $0.name == event }) else {
                throw CumulativeEventSet.unknownEvent(event, component: name, offered: events)
            }
            return index
        }, readTotals: component.readTotals)
    }

    /// - Parameters:
    ///   - events: the component's events; values are read by position in it.
    ///   - resolve: the position of an event name in `events`, after preparing what reading it
    ///     needs; throws the ``CounterError`` naming the event when it cannot be counted.
    ///   - readTotals: the current totals of the events at the given positions (a hot path).
    init(events: [CounterEvent], resolve: @escaping (String) throws -> Int,
         readTotals: @escaping (UnsafeBufferPointer<Int>, UnsafeMutableBufferPointer<Int64>) throws -> Void) {
        self.events = events
        self.resolve = resolve
        self.readTotals = readTotals
    }

    /// The error for `event` (a name inside `component`), suggesting close names from `offered`.
    static func unknownEvent(_ event: String, component: String, offered: [CounterEvent]) -> CounterError {
        CounterError.unknownEvent(
            event: "\(component)\(EventName.separator)\(event)", component: component,
            suggestions: EventName.closeMatches(to: event, in: offered.map(\.qualifiedName)))
    }

    deinit {
        indices.deallocate()
        baseline.deallocate()
        latest.deallocate()
        stopped.deallocate()
    }

    func add(event: String) throws -> CounterEvent {
        let index = try resolve(event)
        count += 1
        indices = grown(indices, appending: index)
        baseline = grown(baseline, appending: 0)
        latest = grown(latest, appending: 0)
        stopped = grown(stopped, appending: 0)
        return events[index]
    }

    func start() throws {
        try readTotals(UnsafeBufferPointer(indices), baseline)
        isRunning = true
    }

    func read(into values: UnsafeMutableBufferPointer<Int64>) throws {
        guard isRunning else {
            for k in 0..<count { values[k] = stopped[k] }
            return
        }
        try readTotals(UnsafeBufferPointer(indices), latest)
        for k in 0..<count { values[k] = latest[k] &- baseline[k] }
    }

    func stop() throws {
        try read(into: stopped)
        isRunning = false
    }

    func reset() throws {
        if isRunning {
            try readTotals(UnsafeBufferPointer(indices), baseline)
        } else {
            for k in 0..<count { stopped[k] = 0 }
        }
    }

    /// A copy of `buffer` one element longer, ending in `value`; `buffer` is freed.
    private func grown<Element>(_ buffer: UnsafeMutableBufferPointer<Element>, appending value: Element)
        -> UnsafeMutableBufferPointer<Element> {
        let copy = UnsafeMutableBufferPointer<Element>.allocate(capacity: buffer.count + 1)
        _ = copy.initialize(from: buffer)
        (copy.baseAddress! + buffer.count).initialize(to: value)
        buffer.deallocate()
        return copy
    }
}
