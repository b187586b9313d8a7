import CPerfV
import PerfV
import Synchronization

/// Whether the library is initialized, the handle tables, and the
/// ``SystemInfo`` `perfv_init` gathers.
///
/// `isInitialized` is one atomic load, checked by every entry point; init and
/// shutdown serialize on a mutex (they are never on a hot path).
final class LibraryState: Sendable {
    static let shared = LibraryState()

    let eventSets = HandleTable<EventSetBox>(kind: .eventSet)
    let regions = HandleTable<RegionBox>(kind: .region)

    private let initialized = Atomic<Bool>(false)
    private let snapshot = Mutex<SystemInfo?>(nil)

    var isInitialized: Bool { initialized.load(ordering: .acquiring) }

    /// Gathers the system facts, creates the counter component registry (which
    /// probes perf_event and initializes PAPI) and opens the library; a no-op
    /// when already open. Both are slow once, so they happen here and not in
    /// the first measurement.
    func initialize() {
        snapshot.withLock { current in
            guard !initialized.load(ordering: .relaxed) else { return }
            // The clock survey only matters to perfv-report; skipping it saves ~0.3 s.
            current = SystemInfo.gather(measureClocks: false)
            _ = Components.shared
            initialized.store(true, ordering: .releasing)
        }
    }

    /// Closes the library and releases every live handle. Handles that another
    /// thread is using right now are left to that call; PERFV_EBUSY reports them.
    func shutdown() throws {
        try snapshot.withLock { current in
            guard initialized.load(ordering: .relaxed) else { throw CallFailure.notInitialized() }
            initialized.store(false, ordering: .releasing)
            current = nil
            let busy = regions.removeAll() + eventSets.removeAll()
            guard busy == 0 else {
                throw CallFailure(PERFV_EBUSY, "shut down, but \(busy) handles were in use by calls on other threads")
            }
        }
    }

    /// The facts taken at `perfv_init`.
    func system() throws -> SystemInfo {
        guard let current = snapshot.withLock({ $0 }) else { throw CallFailure.notInitialized() }
        return current
    }
}
