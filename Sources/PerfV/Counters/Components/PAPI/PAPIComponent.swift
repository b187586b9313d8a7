import CPAPI

/// PAPI's counters (`papi::<event>`: presets such as `papi::PAPI_TOT_INS`, or
/// native names such as `papi::perf::PERF_COUNT_HW_INSTRUCTIONS`), through libpapi.
///
/// The component is enabled when at least one of PAPI's own components can
/// count here (``PAPICountingComponents``): enabled by PAPI, with counters or
/// native events, and not contradicted by the kernel. Otherwise it is
/// disabled, and its reason quotes PAPI's `disabled_reason` for each disabled
/// PAPI component and the kernel's evidence against any that PAPI enabled in
/// vain (perf_event on a VM without a PMU, when libpfm4 guessed a PMU from the
/// CPU model).
///
/// Every PAPI call runs on a thread registered with PAPI (``PAPIThread``).
/// An event set counts the thread that created it, where PAPI opened its
/// counters; it is started, read and stopped on that thread.
public final class PAPIComponent: CounterComponent {
    public let name = "papi"
    public let summary = "PAPI preset and native events through libpapi"
    public let status: ComponentStatus
    public let events: [CounterEvent]
    /// PAPI's components sorted into counting, refuted by the kernel, and disabled; nil when PAPI did not initialize.
    public let assessment: PAPICountingComponents?

    /// Reads PAPI's component list from ``PAPILibrary``, checks it against the
    /// kernel's PMU (a live ``PMUInfo`` probe) and, when something can count,
    /// enumerates the available presets and the native events.
    public convenience init() {
        let cpuid = HardwareCPUID()
        let identity = CPUIdentity(cpuid: cpuid)
        self.init(kernelPMU: PMUInfo.gather(cpuid: cpuid, identity: identity, hypervisor: HypervisorInfo(cpuid: cpuid)))
    }

    /// As ``init()``, with the kernel's PMU verdict given.
    public init(kernelPMU: PMUInfo) {
        let library: PAPILibrary
        do {
            library = try PAPILibrary.shared()
        } catch {
            status = .disabled(reason: "\(error)")
            events = []
            assessment = nil
            return
        }
        let assessment = PAPICountingComponents(components: library.components, kernelPMU: kernelPMU)
        self.assessment = assessment
        if let reason = assessment.noneCountingReason {
            status = .disabled(reason: reason)
            events = []
            return
        }
        if let failure = library.threadSupportError {
            status = .disabled(reason: failure.description)
            events = []
            return
        }
        status = .enabled
        // Presets are built from perf_event's native events, so they stand or fall with it.
        let presets = assessment.refuted.isEmpty ? PAPIComponent.availablePresets() : []
        events = presets + assessment.counting.flatMap { PAPIComponent.nativeEvents(component: $0.index) }
    }

    /// PAPI's preset names all start with `PAPI_`; an unqualified one belongs here
    /// even when PAPI cannot count it, so the lookup can quote PAPI's reason.
    public func claims(unqualifiedName: String) -> Bool {
        unqualifiedName.hasPrefix("PAPI_")
    }

    public func makeEventSet() throws -> any ComponentEventSet {
        try PAPIEventSet(component: self)
    }

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
