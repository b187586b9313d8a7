import CPerfV
import PerfV
import Synchronization

/// Whether the library is initialized, the handle tables, and the
/// ``SystemInfo`` `perfv_init` gathers.
///
/// `isInitialized` is one atomic load, checked by every entry point; init,
/// shutdown and handle creation serialize on a mutex (never on a hot path).
/// Each shutdown starts a new epoch: a create that began in an earlier one
/// inserts nothing, so no handle outlives the shutdown it raced with.
final class LibraryState: Sendable {
    static let shared = LibraryState()

    let eventSets = HandleTable<EventSetBox>(kind: .eventSet)
    let regions = HandleTable<RegionBox>(kind: .region)
    let teamRegions = HandleTable<TeamRegionBox>(kind: .teamRegion)

    private let initialized = Atomic<Bool>(false)
    /// The number of shutdowns so far; written under `snapshot`'s lock.
    private let epoch = Atomic<UInt64>(0)
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
            _ = ComponentRegistry.shared
            initialized.store(true, ordering: .releasing)
        }
    }

    /// Closes the library and releases every live handle. Handles that another
    /// thread is using right now are left to that call; PERFV_EBUSY reports them.
    func shutdown() throws {
        try snapshot.withLock { current in
            guard initialized.load(ordering: .relaxed) else { throw CallFailure.notInitialized() }
            initialized.store(false, ordering: .releasing)
            epoch.add(1, ordering: .releasing)
            current = nil
            let busy = regions.removeAll() + teamRegions.removeAll() + eventSets.removeAll()
            guard busy == 0 else {
                throw CallFailure(PERFV_EBUSY, "shut down, but \(busy) handles were in use by calls on other threads")
            }
        }
    }

    /// Makes an object (outside the lock: opening files is slow) and inserts it into
    /// `table`, unless `perfv_shutdown` ran meanwhile: then the object is dropped and
    /// the call fails as if the library had not been initialized.
    func create<Object>(in table: HandleTable<Object>, _ make: () throws -> Object) throws -> HandleToken {
        let began = epoch.load(ordering: .acquiring)
        guard isInitialized else { throw CallFailure.notInitialized() }
        let object = try make()
        return try snapshot.withLock { _ in
            guard initialized.load(ordering: .relaxed), epoch.load(ordering: .relaxed) == began else {
                throw CallFailure(PERFV_ENOINIT, "perfv_shutdown ran during this call; nothing was created")
            }
            return try table.insert(object)
        }
    }

    /// The facts taken at `perfv_init`.
    func system() throws -> SystemInfo {
        guard let current = snapshot.withLock({ $0 }) else { throw CallFailure.notInitialized() }
        return current
    }
}
