import CGuestABI
import PerfV
import Synchronization

/// One vCPU's virtual counters.
///
/// Every change happens on the vCPU's own thread (exits, the guest's control writes,
/// pause and resume); other threads only load the published atomics, so neither side
/// takes a lock. Event counters (run time, exits, bytes, handling time) are added as
/// exits happen. Sampled counters (host steal, task-clock, page faults, context
/// switches) come from the vCPU thread's own schedstat and perf_event descriptors and
/// are published when the vCPU thread samples them: at a guest counter read, a snapshot
/// hypercall, a stop, a pause and when the vCPU finishes. Each sampled counter is
/// `accumulated + (source now − source at the last start)`, so time while stopped or
/// paused is never counted.
public final class VirtualCounters {
    private let published: InlineArray<16, Atomic<UInt64>>
    private let countingFlag = Atomic<Bool>(true)
    /// The PERFV_MSR_AVAILABLE value.
    public private(set) var availableMask: UInt64
    /// Why each unavailable host source could not be opened (source name → reason).
    public private(set) var unavailableReasons: [String: String] = [:]

    // Owned by the vCPU thread.
    private var sources: HostThreadCounters?
    private var accumulated = [UInt64](repeating: 0, count: VirtualCounter.count)
    private var base = [UInt64](repeating: 0, count: VirtualCounter.count)
    private var sampling = [UInt64](repeating: 0, count: VirtualCounter.count)

    init() {
        published = InlineArray { _ in Atomic(0) }
        availableMask = VirtualCounters.eventCounterMask
    }

    static let eventCounterMask: UInt64 = VirtualCounter.allCases
        .filter(\.isEventCounter)
        .reduce(0) { $0 | 1 << UInt64($1.rawValue) }

    /// Whether the guest has counting started (PERFV_CTL_START) rather than stopped.
    public var isCounting: Bool { countingFlag.load(ordering: .acquiring) }

    /// The host's view: event counters live, sampled counters as of the last sample.
    public func snapshot() -> CounterValues {
        CounterValues(values: (0..<VirtualCounter.count).map { published[$0].load(ordering: .relaxed) },
                      availableMask: availableMask)
    }

    /// The published value of one counter.
    public func value(_ counter: VirtualCounter) -> UInt64 {
        published[counter.rawValue].load(ordering: .relaxed)
    }

    // MARK: vCPU thread

    /// Opens the vCPU thread's own host sources and starts counting. Call on the vCPU thread.
    func attachToCurrentThread() {
        let sources = HostThreadCounters()
        self.sources = sources
        availableMask = VirtualCounters.eventCounterMask | sources.availableMask
        unavailableReasons = sources.unavailableReasons
        rebase()
    }

    /// Adds to an event counter while counting.
    @inline(__always)
    func add(_ counter: VirtualCounter, _ amount: UInt64) {
        guard countingFlag.load(ordering: .relaxed) else { return }
        published[counter.rawValue].wrappingAdd(amount, ordering: .relaxed)
    }

    /// Publishes current values of the sampled counters (no-op while stopped).
    func sample() {
        guard countingFlag.load(ordering: .relaxed), let sources else { return }
        sources.read(into: &sampling)
        for counter in HostThreadCounters.sampledCounters where availableMask & 1 << UInt64(counter.rawValue) != 0 {
            let index = counter.rawValue
            let delta = sampling[index] &- base[index]
            published[index].store(accumulated[index] &+ delta, ordering: .relaxed)
        }
    }

    /// Stops counting: folds the sampled counters' live part into the accumulated part.
    func stop() {
        guard countingFlag.load(ordering: .relaxed) else { return }
        sample()
        for counter in HostThreadCounters.sampledCounters {
            accumulated[counter.rawValue] = published[counter.rawValue].load(ordering: .relaxed)
        }
        countingFlag.store(false, ordering: .releasing)
    }

    /// Starts counting from the current values.
    func start() {
        guard !countingFlag.load(ordering: .relaxed) else { return }
        rebase()
        countingFlag.store(true, ordering: .releasing)
    }

    /// Zeroes every counter (running or stopped).
    func reset() {
        for index in 0..<VirtualCounter.count {
            published[index].store(0, ordering: .relaxed)
            accumulated[index] = 0
        }
        rebase()
    }

    /// The value the guest reads for a counter MSR: samples first so it is current.
    func guestRead(_ counter: VirtualCounter) -> UInt64 {
        if !counter.isEventCounter { sample() }
        return published[counter.rawValue].load(ordering: .relaxed)
    }

    /// PERFV_MSR_CONTROL reads: START when counting, STOP when stopped.
    var controlState: UInt64 { UInt64(isCounting ? PERFV_CTL_START : PERFV_CTL_STOP) }

    /// Applies a PERFV_MSR_CONTROL write; false for an invalid value (→ #GP).
    func control(_ value: UInt64) -> Bool {
        let known = UInt64(PERFV_CTL_RESET | PERFV_CTL_START | PERFV_CTL_STOP)
        let startAndStop = UInt64(PERFV_CTL_START | PERFV_CTL_STOP)
        guard value & ~known == 0, value & startAndStop != startAndStop else { return false }
        if value & UInt64(PERFV_CTL_STOP) != 0 { stop() }
        if value & UInt64(PERFV_CTL_RESET) != 0 { reset() }
        if value & UInt64(PERFV_CTL_START) != 0 { start() }
        return true
    }

    private func rebase() {
        guard let sources else { return }
        sources.read(into: &base)
    }
}
