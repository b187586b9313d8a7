import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Every thread's ``NamedRegionThread``, and the configuration they share.
///
/// A thread finds its own through a pthread key (no lock); only its first named
/// region, which creates and registers it, and the output take the mutex.
final class NamedRegionRegistry: Sendable {
    static let shared = NamedRegionRegistry()

    private struct State {
        var threads: [NamedRegionThread] = []
        var eventsVariable = "PERFV_EVENTS"
        var outputDirectoryVariable = "PERFV_OUTPUT_DIRECTORY"
        /// Read from the environment by the first named region of the process.
        var configuration: NamedRegionConfiguration?
    }

    private let state = Mutex(State())
    /// nil when the process has used up its pthread keys.
    private let key: pthread_key_t?

    /// The process uses ``shared``; a test makes its own, so that its regions
    /// stay out of the process's rank file.
    init() {
        var key = pthread_key_t()
        // At thread exit the thread's levels close their files; the registry keeps its record.
        // The key holds its own reference: a thread may outlive the registry (a test's),
        // and its exit must not touch a freed record. The key is never deleted, since
        // pthread_key_delete would leave the live threads' references without their release.
        let created = pthread_key_create(&key) { thread in
            thread.map { Unmanaged<NamedRegionThread>.fromOpaque($0).takeRetainedValue().retire() }
        }
        self.key = created == 0 ? key : nil
    }

    /// The calling thread's named regions, created on its first use.
    func current() throws(NamedRegionError) -> NamedRegionThread {
        guard let key else {
            throw .measurement(.unavailable(feature: "named regions", reason: "no pthread key is left for per-thread state"))
        }
        if let existing = pthread_getspecific(key) {
            return Unmanaged<NamedRegionThread>.fromOpaque(existing).takeUnretainedValue()
        }
        let configuration = self.configuration()
        let thread = NamedRegionThread(configuration: configuration)
        state.withLock { $0.threads.append(thread) }
        // Released by the key's destructor when the thread exits.
        let stored = Unmanaged.passRetained(thread)
        if pthread_setspecific(key, stored.toOpaque()) != 0 { stored.release() }
        return thread
    }

    /// Names the variables the configuration is read from; false (and no change)
    /// once a named region has read it.
    func useEnvironment(eventsVariable: String, outputDirectoryVariable: String) -> Bool {
        state.withLock { state in
            guard state.configuration == nil else { return false }
            state.eventsVariable = eventsVariable
            state.outputDirectoryVariable = outputDirectoryVariable
            return true
        }
    }

    /// The configuration, read from the environment on the first call.
    func configuration() -> NamedRegionConfiguration {
        state.withLock { state in
            if let configuration = state.configuration { return configuration }
            let configuration = NamedRegionConfiguration.fromEnvironment(
                eventsVariable: state.eventsVariable, outputDirectoryVariable: state.outputDirectoryVariable)
            state.configuration = configuration
            return configuration
        }
    }

    /// Every thread's record so far, or nil when no thread used a named region.
    func report() -> NamedRegionReport? {
        let (threads, configuration) = state.withLock { ($0.threads, $0.configuration) }
        guard let configuration, !threads.isEmpty else { return nil }
        let eventCount = configuration.eventNames.count
        return NamedRegionReport(
            rank: configuration.rank,
            eventNames: configuration.eventNames,
            threads: threads.map { thread in
                let record = thread.record()
                return (record.threadID, NamedRegionSummary.summaries(of: record, eventCount: eventCount))
            })
    }
}
