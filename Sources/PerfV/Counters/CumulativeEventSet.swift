/// The event-set half of a ``CumulativeCounterComponent``: values are the
/// totals' growth since ``start()``, frozen by ``stop()``, zeroed by ``reset()``.
final class CumulativeEventSet<Component: CumulativeCounterComponent>: ComponentEventSet {
    private let component: Component
    /// Positions in `component.events` of the added events.
    private var indices = UnsafeMutableBufferPointer<Int>.allocate(capacity: 0)
    /// Totals at the start (or the last reset while running).
    private var baseline = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 0)
    /// Totals read now, and the values at the last stop.
    private var latest = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 0)
    private var stopped = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 0)
    private var isRunning = false
    private(set) var count = 0

    init(component: Component) {
        self.component = component
    }

    deinit {
        indices.deallocate()
        baseline.deallocate()
        latest.deallocate()
        stopped.deallocate()
    }

    func add(event: String) throws -> CounterEvent {
        let events = component.events
        guard let index = events.firstIndex(where: { $0.name == event }) else {
            throw CounterError.unknownEvent(
                event: "\(component.name)\(EventName.separator)\(event)", component: component.name,
                suggestions: EventName.closeMatches(to: event, in: events.map(\.qualifiedName)))
        }
        count += 1
        indices = grown(indices, appending: index)
        baseline = grown(baseline, appending: 0)
        latest = grown(latest, appending: 0)
        stopped = grown(stopped, appending: 0)
        return events[index]
    }

    func start() throws {
        try component.readTotals(of: UnsafeBufferPointer(indices), into: baseline)
        isRunning = true
    }

    func read(into values: UnsafeMutableBufferPointer<Int64>) throws {
        guard isRunning else {
            for k in 0..<count { values[k] = stopped[k] }
            return
        }
        try component.readTotals(of: UnsafeBufferPointer(indices), into: latest)
        for k in 0..<count { values[k] = latest[k] &- baseline[k] }
    }

    func stop() throws {
        try read(into: stopped)
        isRunning = false
    }

    func reset() throws {
        if isRunning {
            try component.readTotals(of: UnsafeBufferPointer(indices), into: baseline)
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
