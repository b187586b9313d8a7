import Testing
@testable import PerfV

/// The PAPI component. Whether PAPI can count is read from PAPI itself: on a
/// machine where it can, the enabled path is exercised; where it cannot (a VM
/// without a PMU: perf_event disabled, "libpfm4 no default PMU found"), the
/// disabled path must carry PAPI's own reason.
@Suite("Counters: PAPI component")
struct ComponentPAPITests {
    @Test("the component is enabled exactly when PAPI has a component that can count")
    func statusMatchesPAPI() throws {
        let library = try PAPILibrary.shared()
        let papi = PAPIComponent()
        let canCount = library.components.contains { $0.isEnabled && ($0.counterCount > 0 || $0.nativeEventCount > 0) }
        #expect(papi.status.isEnabled == canCount)
        if case let .disabled(reason) = papi.status {
            for component in library.components where !component.isEnabled {
                #expect(reason.contains(component.disabledReason ?? "?"), "\(reason) should quote \(component.name)")
            }
            #expect(papi.events.isEmpty)
        }
    }

    @Test("adding a PAPI event counts when PAPI can, otherwise quotes PAPI's reason")
    func addEvent() throws {
        let papi = PAPIComponent()
        let registry = Components([PerfEventComponent(), papi])
        guard case let .disabled(reason) = papi.status else {
            let preset = try #require(papi.events.first { $0.name == "PAPI_TOT_INS" } ?? papi.events.first)
            let counters = try EventSet(events: [preset.qualifiedName], components: registry)
            try counters.start()
            CounterTestWorkloads.spin(nanoseconds: 1_000_000)
            try counters.stop()
            #expect(try counters.read()[0] > 0, "\(preset.qualifiedName)")
            return
        }
        #expect(throws: CounterError.componentDisabled(event: "papi::PAPI_TOT_INS", component: "papi", reason: reason)) {
            _ = try EventSet(events: ["papi::PAPI_TOT_INS"], components: registry)
        }
        // An unqualified preset name is PAPI's too, so it gets the same reason.
        #expect(throws: CounterError.componentDisabled(event: "papi::PAPI_TOT_INS", component: "papi", reason: reason)) {
            _ = try EventSet(events: ["PAPI_TOT_INS"], components: registry)
        }
        let message = CounterError.componentDisabled(event: "papi::PAPI_TOT_INS", component: "papi", reason: reason).description
        #expect(message.contains("papi::PAPI_TOT_INS cannot be counted here"))
    }

    @Test("without a counting component, PAPI event sets are still created and destroyed cleanly, and adding fails typed")
    func eventSetLifecycleWithoutCounters() throws {
        let library = try PAPILibrary.shared()
        let papi = PAPIComponent()
        guard !papi.status.isEnabled else { return }  // the enabled path is covered by addEvent()
        for _ in 0..<100 {
            // PAPI_create_eventset / PAPI_cleanup_eventset / PAPI_destroy_eventset, bypassing the
            // registry's disabled check to exercise the calls the enabled path makes.
            let counters = try PAPIEventSet(component: papi)
            let error = #expect(throws: CounterError.self) { _ = try counters.add(event: "PAPI_TOT_INS") }
            switch error {
            case let .eventUnavailable(event, reason)?:
                #expect(event == "papi::PAPI_TOT_INS")
                // PAPI says which of its components is disabled and why; quote it.
                let quotesPAPI = library.components.contains { !$0.isEnabled && reason.contains($0.disabledReason ?? "?") }
                #expect(quotesPAPI, "\(reason)")
            case .unknownEvent(event: "papi::PAPI_TOT_INS", component: "papi", _)?:
                break
            default:
                Issue.record("unexpected error \(String(describing: error))")
            }
            #expect(counters.count == 0)
        }
    }
}
