import PerfV

/// The values of one vCPU's virtual counters at one moment, with which are available.
public struct CounterValues: Sendable, Equatable, CustomStringConvertible {
    /// Indexed by `VirtualCounter.rawValue`; unavailable counters read 0.
    public var values: [UInt64]
    /// Bit i set: counter i is available (the PERFV_MSR_AVAILABLE value).
    public var availableMask: UInt64

    public init(values: [UInt64], availableMask: UInt64) {
        self.values = values
        self.availableMask = availableMask
    }

    public func isAvailable(_ counter: VirtualCounter) -> Bool { availableMask & (1 << UInt64(counter.rawValue)) != 0 }

    /// The value, or nil when the counter is unavailable on this host.
    public subscript(_ counter: VirtualCounter) -> UInt64? {
        isAvailable(counter) ? values[counter.rawValue] : nil
    }

    /// Available counters by name ("run_ns", ...).
    public var byName: [String: UInt64] {
        Dictionary(uniqueKeysWithValues: VirtualCounter.allCases.compactMap { counter in
            self[counter].map { (counter.description, $0) }
        })
    }

    public var description: String {
        VirtualCounter.allCases.map { counter in
            "\(counter.description)=\(self[counter].map(String.init) ?? "unavailable")"
        }.joined(separator: " ")
    }
}
