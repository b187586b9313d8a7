import Foundation
import CPUContention
import Testing
@testable import PerfV

/// The PAPI component. Whether PAPI can count is decided from PAPI's own
/// component list checked against the kernel's PMU (``PAPICountingComponents``):
/// where something can count, the enabled path is exercised; where nothing can
/// (a VM without a PMU, whether PAPI's perf_event is disabled or enabled on
/// libpfm4's guess), the disabled path must carry the reasons.
///
/// `.ci/run` runs this suite under each `LIBPFM_FORCE_PMU` state.
@Suite("Counters: PAPI component")
struct ComponentPAPITests {
    @Test("the component is enabled exactly when a PAPI component can count by the kernel's word")
    func statusMatchesPAPIAndKernel() throws {
        let library = try PAPILibrary.shared()
        let papi = PAPIComponent()
        let assessment = try #require(papi.assessment)
        let kernelPMU = SystemInfo.gather(measureClocks: false).pmu
        let expected = library.components.contains {
            $0.isEnabled && ($0.counterCount > 0 || $0.nativeEventCount > 0)
                && ($0.name != PAPICountingComponents.corePMUComponent || kernelPMU.available)
        }
        #expect(papi.status.isEnabled == expected)
        #expect(assessment.counting.isEmpty == !expected)
        if case let .disabled(reason) = papi.status {
            for component in library.components where !component.isEnabled {
                #expect(reason.contains(component.disabledReason ?? "?"), "\(reason) should quote \(component.name)")
            }
            for refuted in assessment.refuted {
                #expect(reason.contains(refuted.reason))
            }
            #expect(papi.events.isEmpty)
        }
    }

    @Test("PAPI's perf_event enabled on libpfm4's guess, without a kernel PMU, is refuted with the evidence")
    func refutesPerfEventWithoutKernelPMU() {
        let guessed = Self.component(index: 0, name: "perf_event", counters: 6, natives: 58, pmus: ["amd64_fam17h_zen2"])
        let sysdetect = Self.component(index: 1, name: "sysdetect", counters: 0, natives: 0)
        let uncore = Self.component(index: 2, name: "perf_event_uncore", counters: 0, natives: 0,
                                    disabled: "No uncore PMUs or events found")
        let noPMU = Self.kernelPMU(available: false, reason: "no PMU: the KVM hypervisor does not expose a virtual PMU")
        let assessment = PAPICountingComponents(components: [guessed, sysdetect, uncore], kernelPMU: noPMU)
        #expect(assessment.counting.isEmpty)
        #expect(assessment.refuted.map(\.component.name) == ["perf_event"])
        let reason = try? #require(assessment.refuted.first?.reason)
        #expect(reason?.contains("6 counters and 58 native events for PMU amd64_fam17h_zen2") == true)
        #expect(reason?.contains("libpfm4 took from the CPU model or LIBPFM_FORCE_PMU, not from the kernel") == true)
        #expect(reason?.contains("the kernel cannot count hardware events: no PMU: the KVM hypervisor") == true)
        let none = assessment.noneCountingReason ?? ""
        #expect(none.hasPrefix("no PAPI component can count"))
        #expect(none.contains("perf_event: PAPI enabled it"))
        #expect(none.contains("perf_event_uncore: No uncore PMUs or events found"))
        #expect(assessment.refutation(ofComponentAt: 0)?.hasPrefix("PAPI's perf_event component: ") == true)
        #expect(assessment.refutation(ofComponentAt: 1) == nil)
    }

    @Test("with a kernel PMU, PAPI's perf_event counts; other counting components count either way")
    func keepsComponentsThatCount() {
        let perfEvent = Self.component(index: 0, name: "perf_event", counters: 6, natives: 160, pmus: ["amd64_fam19h_zen4"])
        let network = Self.component(index: 1, name: "net", counters: 0, natives: 12)
        let withPMU = PAPICountingComponents(components: [perfEvent, network], kernelPMU: Self.kernelPMU(available: true))
        #expect(withPMU.counting.map(\.name) == ["perf_event", "net"])
        #expect(withPMU.refuted.isEmpty && withPMU.noneCountingReason == nil)
        let withoutPMU = PAPICountingComponents(
            components: [perfEvent, network], kernelPMU: Self.kernelPMU(available: false, reason: "no PMU"))
        #expect(withoutPMU.counting.map(\.name) == ["net"])
        #expect(withoutPMU.refuted.map(\.component.name) == ["perf_event"])
        #expect(withoutPMU.noneCountingReason == nil)
    }

    @Test("adding a PAPI event counts when PAPI can, otherwise quotes the reason")
    func addEvent() throws {
        let papi = PAPIComponent()
        let registry = ComponentRegistry([PerfEventComponent(), papi])
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
    }

    @Test("PAPI event sets are created, refused and destroyed cleanly, with typed errors")
    func eventSetLifecycle() throws {
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
                // Either PAPI's own reason or the kernel's refutation of perf_event.
                let quotesPAPI = library.components.contains { !$0.isEnabled && reason.contains($0.disabledReason ?? "?") }
                    || papi.assessment?.refuted.contains { reason.contains($0.reason) } == true
                #expect(quotesPAPI, "\(reason)")
            case .unknownEvent(event: "papi::PAPI_TOT_INS", component: "papi", _)?:
                break
            default:
                Issue.record("unexpected error \(String(describing: error))")
            }
            #expect(counters.count == 0)
        }
    }

    @Test("PAPI is initialized on one thread and used on fresh ones: registered first, never a crash")
    func usedOnFreshThreads() throws {
        _ = try PAPILibrary.shared()
        for _ in 0..<50 {
            // A thread PAPI has never seen: enumerating events and creating sets wrote
            // through PAPI's NULL per-thread record here before PerfV registered threads.
            let status = try Self.onFreshThread { () -> ComponentStatus in
                let papi = PAPIComponent()
                _ = try PAPIEventSet(component: papi)
                return papi.status
            }
            #expect(status == PAPIComponent().status)
        }
    }

    @Test("a PAPI event set is used only on the thread that created it")
    func ownerThreadOnly() throws {
        let counters = try PAPIEventSet(component: PAPIComponent())
        let error = try Self.onFreshThread { () -> CounterError? in
            do { try counters.start() } catch let error as CounterError { return error }
            return nil
        }
        #expect(error == .wrongThread(component: "papi"))
        #expect(error?.description.contains("count the thread that created the event set") == true)
    }

    @Test("an event set outliving its thread is destroyed without touching PAPI's reused handles")
    func outlivesItsThread() throws {
        let papi = PAPIComponent()
        for _ in 0..<20 {
            // PAPI frees the set when its thread exits; dropping it here must not destroy another set.
            let orphan = try Self.onFreshThread { try PAPIEventSet(component: papi) }
            let mine = try PAPIEventSet(component: papi)
            _ = consume orphan
            // Refused for what the event is, not because the set was destroyed (PAPI_ENOEVST).
            let error = #expect(throws: CounterError.self) { _ = try mine.add(event: "PAPI_TOT_INS") }
            if case .papiCall? = error { Issue.record("the orphan destroyed a live set: \(error!)") }
        }
    }

    @Test("an event name longer than PAPI takes is a typed error, not an abort inside libpfm4")
    func overlongName() throws {
        let counters = try PAPIEventSet(component: PAPIComponent())
        let name = String(repeating: "A", count: 8192)
        #expect(throws: CounterError.eventNameTooLong(event: "papi::" + name, length: 8192,
                                                       limit: PAPIEventSet.maximumNameLength)) {
            _ = try counters.add(event: name)
        }
        let message = CounterError.eventNameTooLong(event: "papi::" + name, length: 8192, limit: 1023).description
        #expect(message.count < 200 && message.contains("8192 bytes long; at most 1023"))
    }

    @Test("two papi:: event sets running on one thread: the second start names PAPI's one-set-per-thread limit")
    func nestedEventSets() throws {
        let papi = PAPIComponent()
        guard let event = papi.events.first?.name else {
            // Needs a PAPI event that counts; the message is still checked.
            #expect(CounterError.onePAPIEventSetPerThread.description.contains("one event set per thread"))
            return
        }
        let outer = try PAPIEventSet(component: papi)
        let inner = try PAPIEventSet(component: papi)
        _ = try outer.add(event: event)
        _ = try inner.add(event: event)
        try outer.start()
        #expect(throws: CounterError.onePAPIEventSetPerThread) { try inner.start() }
        try outer.stop()
        try inner.start()
        try inner.stop()
    }

    /// Runs `body` on a new POSIX thread that exits when it returns.
    static func onFreshThread<Value>(_ body: @escaping () throws -> Value) throws -> Value {
        let result = ResultBox<Result<Value, Error>>()
        let thread = try PinnedThread.start { result.value = Result { try body() } }
        pthread_join(thread, nil)
        return try result.value!.get()
    }

    static func component(index: Int32, name: String, counters: Int, natives: Int, pmus: [String] = [],
                          disabled: String? = nil) -> PAPILibrary.Component {
        PAPILibrary.Component(index: index, name: name, description: name, disabledCode: disabled == nil ? 0 : -7,
                              disabledReason: disabled, counterCount: counters, nativeEventCount: natives,
                              pmuNames: pmus)
    }

    static func kernelPMU(available: Bool, reason: String? = nil) -> PMUInfo {
        PMUInfo(available: available, reason: reason, cpuEventSourcePresent: available, eventSources: [],
                cpuidArchPerfmonVersion: 0, cpuidGeneralCounters: 0, amdCoreCounters: nil, perfEventParanoid: 2,
                paranoidError: nil, hardwareProbe: available ? "ok" : "ENOENT", softwareEventsAvailable: true,
                softwareProbe: "ok")
    }
}

/// Carries a value out of another thread; the join orders the accesses.
final class ResultBox<Value>: @unchecked Sendable {
    var value: Value?
}
