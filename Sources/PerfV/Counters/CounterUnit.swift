/// What one unit of a counter's value is.
public enum CounterUnit: String, Sendable, Equatable, Codable {
    /// A number of occurrences (instructions, page faults, context switches).
    case events
    /// Nanoseconds of time (task-clock, steal).
    case nanoseconds
    /// Bytes of data (a network interface's or an InfiniBand port's traffic).
    case bytes
}
