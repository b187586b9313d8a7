#if canImport(Glibc)
import Glibc
#endif
import CPAPI

/// The PAPI counters of one ``EventSet``: one PAPI event set.
///
/// Lifecycle: PAPI_create_eventset in init, PAPI_event_name_to_code and
/// PAPI_add_event per event, PAPI_start / PAPI_read / PAPI_stop / PAPI_reset,
/// and PAPI_stop (if running), PAPI_cleanup_eventset and PAPI_destroy_eventset
/// in deinit. PAPI_read of a stopped set returns the values saved by PAPI_stop,
/// which is the ``ComponentEventSet`` contract.
///
/// PAPI opens the counters for the thread that adds the events, so the set
/// counts the thread that created it and refuses, typed, to be started, read,
/// stopped or reset on another one.
final class PAPIEventSet: ComponentEventSet {
    /// The longest event name passed to PAPI: its event symbols are
    /// `char[PAPI_HUGE_STR_LEN]`, and libpfm4 aborts the process on names of 8 KiB.
    static let maximumNameLength = Int(PAPI_HUGE_STR_LEN) - 1

    private let component: PAPIComponent
    private let owner: PAPIThread
    private let ownerThread = pthread_self()
    private var handle: Int32 = perfv_papi_null
    private var isRunning = false
    private(set) var count = 0

    init(component: PAPIComponent) throws {
        self.component = component
        _ = try PAPILibrary.shared()
        owner = try PAPIThread.register()
        let result = PAPI_create_eventset(&handle)
        guard result == PAPI_OK else { throw PAPIComponent.error("PAPI_create_eventset", result) }
    }

    deinit {
        // When the owner has exited, PAPI already freed this set (and may reuse its number).
        _ = owner.ifRegistered {
            guard (try? PAPIThread.register()) != nil else { return }
            if isRunning { _ = PAPI_stop(handle, nil) }
            _ = PAPI_cleanup_eventset(handle)
            _ = PAPI_destroy_eventset(&handle)
        }
    }

    func add(event: String) throws -> CounterEvent {
        let qualified = "\(component.name)\(EventName.separator)\(event)"
        guard event.utf8.count <= PAPIEventSet.maximumNameLength else {
            throw CounterError.eventNameTooLong(
                event: qualified, length: event.utf8.count, limit: PAPIEventSet.maximumNameLength)
        }
        try checkOwnerThread()
        var code: Int32 = 0
        let lookup = PAPI_event_name_to_code(event, &code)
        guard lookup == PAPI_OK else {
            if lookup == PAPI_ENOEVNT {
                throw CounterError.unknownEvent(
                    event: qualified, component: component.name,
                    suggestions: EventName.closeMatches(to: event, in: component.events.map(\.qualifiedName)))
            }
            throw PAPIComponent.error("PAPI_event_name_to_code(\(event))", lookup)
        }
        if let reason = component.assessment?.refutation(ofComponentAt: PAPI_get_event_component(code)) {
            throw CounterError.eventUnavailable(event: qualified, reason: reason)
        }
        let added = PAPI_add_event(handle, code)
        switch added {
        case PAPI_OK:
            count += 1
        case PAPI_ECMP_DISABLED:
            throw CounterError.eventUnavailable(event: qualified, reason: PAPIEventSet.disabledComponentReason(of: code))
        case PAPI_ECNFLCT, PAPI_ENOEVNT, PAPI_ECMP:
            throw CounterError.eventUnavailable(
                event: qualified, reason: "PAPI_add_event: \(PAPILibrary.errorMessage(added))")
        case PAPI_EPERM:
            throw CounterError.permissionDenied(
                event: qualified, reason: "PAPI_add_event: \(PAPILibrary.errorMessage(added))")
        default:
            throw PAPIComponent.error("PAPI_add_event(\(event))", added)
        }
        return component.events.first { $0.name == event }
            ?? CounterEvent(component: component.name, name: event, summary: "PAPI event \(event)",
                            unit: .events, kind: .hardware)
    }

    /// Which of PAPI's components owns `code` (PAPI_get_event_component) and why it
    /// is disabled, from ``PAPILibrary``'s component list.
    private static func disabledComponentReason(of code: Int32) -> String {
        let index = PAPI_get_event_component(code)
        let owner = (try? PAPILibrary.shared())?.components.first { $0.index == index }
        guard let owner else { return "PAPI_add_event: \(PAPILibrary.errorMessage(PAPI_ECMP_DISABLED))" }
        return "PAPI's \(owner.name) component is disabled: \(owner.disabledReason ?? PAPILibrary.errorMessage(owner.disabledCode))"
    }

    /// PAPI_start, which also zeroes the counters.
    func start() throws {
        try checkOwnerThread()
        let result = PAPI_start(handle)
        if result == PAPI_EISRUN { throw CounterError.onePAPIEventSetPerThread }
        guard result == PAPI_OK else { throw PAPIComponent.error("PAPI_start", result) }
        isRunning = true
    }

    func read(into values: UnsafeMutableBufferPointer<Int64>) throws {
        try checkOwnerThread()
        let result = PAPI_read(handle, values.baseAddress)
        guard result == PAPI_OK else { throw PAPIComponent.error("PAPI_read", result) }
    }

    func stop() throws {
        try checkOwnerThread()
        let result = PAPI_stop(handle, nil)
        guard result == PAPI_OK else { throw PAPIComponent.error("PAPI_stop", result) }
        isRunning = false
    }

    func reset() throws {
        try checkOwnerThread()
        let result = PAPI_reset(handle)
        guard result == PAPI_OK else { throw PAPIComponent.error("PAPI_reset", result) }
    }

    /// `pthread_equal`, not gettid: a thread-local read, cheap enough for every counter read.
    private func checkOwnerThread() throws {
        guard pthread_equal(ownerThread, pthread_self()) != 0 else {
            throw CounterError.wrongThread(component: component.name)
        }
    }
}
