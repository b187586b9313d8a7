import PerfV

extension VirtualCounter {
    /// Counted by the VMM as exits happen, as opposed to sampled from a host source.
    var isEventCounter: Bool { rawValue <= VirtualCounter.exitHandlingNanoseconds.rawValue && self != .hostStealNanoseconds }
}
