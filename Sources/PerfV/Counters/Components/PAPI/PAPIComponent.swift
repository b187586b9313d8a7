import CLinux
import CPAPI

/// PAPI's counters (`papi::<event>`: presets such as `papi::PAPI_TOT_INS`, or
/// native names such as `papi::perf::PERF_COUNT_HW_INSTRUCTIONS`), through libpapi.
///
/// The component is enabled when at least one of PAPI's own components is
/// enabled and has counters or native events. Otherwise it is disabled, and its
/// reason quotes the `disabled_reason` of each disabled PAPI component (on a VM
/// without a PMU: perf_event's "Error libpfm4 no default PMU found").
///
/// PAPI counts in its default domain (PAPI_DOM_USER for perf_event), and with
/// PAPI_thread_init set to gettid its event sets count the thread that starts them.
public final class PAPIComponent: CounterComponent {
    public let name = "papi"
    public let summary = "PAPI preset and native events through libpapi"
    public let status: ComponentStatus
    public let events: [CounterEvent]

    /// Reads PAPI's component list from ``PAPILibrary`` and, when something can
    /// count, enumerates the available presets and the native events.
    public init() {
        let library: PAPILibrary
        do {
            library = try PAPILibrary.shared()
        } catch {
            status = .disabled(reason: "\(error)")
            events = []
            return
        }
        let counting = library.components.filter { $0.isEnabled && ($0.counterCount > 0 || $0.nativeEventCount > 0) }
        guard !counting.isEmpty else {
            let reasons = library.components.filter { !$0.isEnabled }.map { "\($0.name): \($0.disabledReason ?? "")" }
            let detail = reasons.isEmpty ? "PAPI \(library.version) has no components" : reasons.joined(separator: "; ")
            status = .disabled(reason: "no PAPI component can count (\(detail))")
            events = []
            return
        }
        if let failure = PAPIComponent.threadSupport {
            status = .disabled(reason: failure.description)
            events = []
            return
        }
        status = .enabled
        events = PAPIComponent.availablePresets() + counting.flatMap { PAPIComponent.nativeEvents(component: $0.index) }
    }

    /// PAPI's preset names all start with `PAPI_`; an unqualified one belongs here
    /// even when PAPI cannot count it, so the lookup can quote PAPI's reason.
    public func claims(unqualifiedName: String) -> Bool {
        unqualifiedName.hasPrefix("PAPI_")
    }

    public func makeEventSet() throws -> any ComponentEventSet {
        try PAPIEventSet(component: self)
    }

    /// PAPI_thread_init(gettid), once per process, so each thread's event sets count that thread.
    /// Nil when it succeeded.
    private static let threadSupport: CounterError? = {
        let result = PAPI_thread_init { UInt(bitPattern: Int(perfv_gettid())) }
        return result == PAPI_OK ? nil : PAPIComponent.error("PAPI_thread_init", result)
    }()

    /// `PAPI_PRESET_MASK` ((int)0x80000000 in papiStdEventDefs.h; the cast keeps it from importing).
    static let presetMask = Int32(bitPattern: 0x8000_0000)
    /// `PAPI_NATIVE_MASK` ((int)0x40000000).
    static let nativeMask = Int32(0x4000_0000)

    /// Presets PAPI can count here (PAPI_enum_event with PAPI_PRESET_ENUM_AVAIL).
    private static func availablePresets() -> [CounterEvent] {
        var code = presetMask
        guard PAPI_enum_event(&code, Int32(PAPI_ENUM_FIRST)) == PAPI_OK else { return [] }
        var found: [CounterEvent] = []
        repeat {
            if PAPI_query_event(code) == PAPI_OK, let event = event(code: code) { found.append(event) }
        } while PAPI_enum_event(&code, Int32(PAPI_PRESET_ENUM_AVAIL)) == PAPI_OK
        return found
    }

    /// The native events of PAPI component `index` (PAPI_enum_cmp_event, without unit masks).
    private static func nativeEvents(component index: Int32) -> [CounterEvent] {
        var code = nativeMask
        guard PAPI_enum_cmp_event(&code, Int32(PAPI_ENUM_FIRST), index) == PAPI_OK else { return [] }
        var found: [CounterEvent] = []
        repeat {
            if let event = event(code: code) { found.append(event) }
        } while PAPI_enum_cmp_event(&code, Int32(PAPI_ENUM_EVENTS), index) == PAPI_OK
        return found
    }

    /// The name, description and unit PAPI_get_event_info gives for `code`.
    private static func event(code: Int32) -> CounterEvent? {
        var info = PAPI_event_info_t()
        guard PAPI_get_event_info(code, &info) == PAPI_OK else { return nil }
        let symbol = string(fromCharArray: info.symbol)
        guard !symbol.isEmpty else { return nil }
        let summary = string(fromCharArray: info.long_descr)
        let units = string(fromCharArray: info.units).lowercased()
        return CounterEvent(
            component: "papi", name: symbol, summary: summary.isEmpty ? string(fromCharArray: info.short_descr) : summary,
            unit: units == "ns" || units == "nanoseconds" ? .nanoseconds : .events, kind: .hardware)
    }

    /// A fixed-size C `char[N]` field (imported as a tuple) up to its first NUL.
    static func string<Tuple>(fromCharArray tuple: Tuple) -> String {
        withUnsafeBytes(of: tuple) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// A ``CounterError`` for PAPI call `call` that returned `code`.
    static func error(_ call: String, _ code: Int32) -> CounterError {
        .papiCall(call: call, code: code, message: PAPILibrary.errorMessage(code))
    }
}
