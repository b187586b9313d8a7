import CPerfV
import Foundation
import Testing

extension CAPITests {
    /// Bad arguments return an error code and a message; none may crash.
    @Suite("misuse: bad handles, names, order, buffers")
    struct Misuse {
        init() throws { try CAPITestSupport.initialize() }

        @Test("NULL handles are refused by every handle call")
        func nullHandles() {
            var measurement = perfv_measurement_t()
            var values = [Int64](repeating: 0, count: 4)
            var count: Int32 = 0
            #expect(perfv_region_begin(nil) == PERFV_EHANDLE)
            #expect(perfv_region_end(nil, &measurement) == PERFV_EHANDLE)
            #expect(perfv_region_counters(nil, &values, 4, &count) == PERFV_EHANDLE)
            #expect(perfv_region_destroy(nil) == PERFV_EHANDLE)
            #expect(perfv_eventset_add(nil, "perf::task-clock") == PERFV_EHANDLE)
            #expect(perfv_eventset_count(nil, &count) == PERFV_EHANDLE)
            #expect(perfv_eventset_start(nil) == PERFV_EHANDLE)
            #expect(perfv_eventset_read(nil, &values, 4) == PERFV_EHANDLE)
            #expect(perfv_eventset_stop(nil, nil, 0) == PERFV_EHANDLE)
            #expect(perfv_eventset_reset(nil) == PERFV_EHANDLE)
            #expect(perfv_eventset_destroy(nil) == PERFV_EHANDLE)
            #expect(CAPITestSupport.lastError().contains("NULL"))
        }

        @Test("made-up pointers and handles of the wrong kind are refused")
        func foreignHandles() throws {
            var region: perfv_region_t?
            try #require(perfv_region_create("kind", nil, &region) == PERFV_OK)
            defer { _ = perfv_region_destroy(region) }

            for bits: UInt in [0x1, 0x2, 0xdead_beef, 0x7fff_ffff_f000, UInt.max] {
                #expect(perfv_region_begin(OpaquePointer(bitPattern: bits)) == PERFV_EHANDLE, "0x\(String(bits, radix: 16))")
                #expect(perfv_eventset_start(OpaquePointer(bitPattern: bits)) == PERFV_EHANDLE)
            }
            // A region handle where an event set is expected.
            #expect(perfv_eventset_start(region) == PERFV_EHANDLE)
            #expect(CAPITestSupport.lastError().contains("region handle, not event set handle"))
            #expect(perfv_eventset_destroy(region) == PERFV_EHANDLE)
            // The region itself is untouched.
            #expect(perfv_region_begin(region) == PERFV_OK)
        }

        @Test("unknown and malformed event names")
        func unknownEventNames() throws {
            var eventSet: perfv_eventset_t?
            try #require(perfv_eventset_create(&eventSet) == PERFV_OK)
            defer { _ = perfv_eventset_destroy(eventSet) }

            #expect(perfv_eventset_add(eventSet, "perf::no-such-event") == PERFV_ENOEVENT)
            #expect(CAPITestSupport.lastError().contains("no-such-event"))
            #expect(perfv_eventset_add(eventSet, "nosuchcomponent::cycles") == PERFV_ENOEVENT)
            #expect(CAPITestSupport.lastError().contains("nosuchcomponent"))
            #expect(perfv_eventset_add(eventSet, "no_such_event_anywhere") == PERFV_ENOEVENT)
            #expect(perfv_eventset_add(eventSet, "two words") == PERFV_ENOEVENT)
            #expect(perfv_eventset_add(eventSet, "") == PERFV_EINVAL)
            #expect(perfv_eventset_add(eventSet, nil) == PERFV_EINVAL)

            var count: Int32 = -1
            #expect(perfv_eventset_count(eventSet, &count) == PERFV_OK)
            #expect(count == 0, "failed adds leave the set unchanged")
        }

        @Test("an event of a disabled component reports the component's reason")
        func disabledComponentReason() throws {
            var count: Int32 = 0
            try #require(perfv_component_count(&count) == PERFV_OK)
            var eventSet: perfv_eventset_t?
            try #require(perfv_eventset_create(&eventSet) == PERFV_OK)
            defer { _ = perfv_eventset_destroy(eventSet) }

            var checked = 0
            for index in 0..<count {
                var enabled: Int32 = -1
                try #require(perfv_component_enabled(index, &enabled) == PERFV_OK)
                guard enabled == 0 else { continue }
                let name = CAPITestSupport.text { perfv_component_name(index, $0, $1, $2) }.text
                let reason = CAPITestSupport.text { perfv_component_disabled_reason(index, $0, $1, $2) }.text
                #expect(!reason.isEmpty, "disabled component \(name) gives a reason")
                #expect(perfv_eventset_add(eventSet, "\(name)::any-event") == PERFV_EDISABLED)
                #expect(CAPITestSupport.lastError().contains(reason), "\(CAPITestSupport.lastError())")
                checked += 1
            }

            // Without a PMU, a hardware event is refused with the reason.
            var pmu: Int32 = -1
            try #require(perfv_system_pmu_available(&pmu) == PERFV_OK)
            let status = perfv_eventset_add(eventSet, "perf::instructions")
            if pmu == 0 {
                #expect(status == PERFV_EDISABLED)
                #expect(CAPITestSupport.lastError().contains("PMU"))
            } else {
                #expect(status == PERFV_OK)
            }
            #expect(checked > 0 || pmu == 1, "this machine has a disabled component or a PMU to test")
        }

        @Test("end without begin, begin twice, and calls on another thread")
        func regionOrderAndThreads() throws {
            var region: perfv_region_t?
            try #require(perfv_region_create("order", nil, &region) == PERFV_OK)
            defer { _ = perfv_region_destroy(region) }
            var measurement = perfv_measurement_t()
            var values = [Int64](repeating: 0, count: 2)
            var count: Int32 = 0

            #expect(perfv_region_end(region, &measurement) == PERFV_ESTATE)
            #expect(CAPITestSupport.lastError().contains("without begin"))
            #expect(perfv_region_counters(region, &values, 2, &count) == PERFV_ESTATE, "no end yet")

            #expect(perfv_region_begin(region) == PERFV_OK)
            #expect(perfv_region_begin(region) == PERFV_ESTATE)

            let handle = UInt(bitPattern: region)
            let other = CAPITestSupport.onAnotherThread { () -> (Int32, Int32, String) in
                var m = perfv_measurement_t()
                let end = perfv_region_end(OpaquePointer(bitPattern: handle), &m)
                let begin = perfv_region_begin(OpaquePointer(bitPattern: handle))
                return (end, begin, String(cString: perfv_last_error_message()))
            }
            #expect(other.0 == PERFV_ETHREAD)
            #expect(other.1 == PERFV_ETHREAD)
            #expect(other.2.contains("thread"))

            // NULL output: refused before ending, so the region is still begun.
            #expect(perfv_region_end(region, nil) == PERFV_EINVAL)
            #expect(perfv_region_end(region, &measurement) == PERFV_OK)
            #expect(perfv_region_end(region, &measurement) == PERFV_ESTATE)
        }

        @Test("double destroy and use after destroy")
        func doubleDestroy() throws {
            var region: perfv_region_t?
            var eventSet: perfv_eventset_t?
            try #require(perfv_region_create("destroyed", nil, &region) == PERFV_OK)
            try #require(perfv_eventset_create(&eventSet) == PERFV_OK)

            #expect(perfv_region_destroy(region) == PERFV_OK)
            #expect(perfv_region_destroy(region) == PERFV_EHANDLE)
            #expect(CAPITestSupport.lastError().contains("not a live region"))
            #expect(perfv_region_begin(region) == PERFV_EHANDLE)

            #expect(perfv_eventset_destroy(eventSet) == PERFV_OK)
            #expect(perfv_eventset_destroy(eventSet) == PERFV_EHANDLE)
            #expect(perfv_eventset_add(eventSet, "perf::task-clock") == PERFV_EHANDLE)

            // A new handle reusing the slot does not revive the old one.
            var reused: perfv_region_t?
            try #require(perfv_region_create("reused", nil, &reused) == PERFV_OK)
            defer { _ = perfv_region_destroy(reused) }
            #expect(reused != region)
            #expect(perfv_region_begin(region) == PERFV_EHANDLE)
            #expect(perfv_region_begin(reused) == PERFV_OK)
        }

        @Test("too-small and NULL buffers")
        func buffers() throws {
            let full = CAPITestSupport.text { perfv_system_clocksource($0, $1, $2) }
            try #require(full.status == PERFV_OK)
            try #require(full.text.utf8.count >= 2)

            // Length only.
            var length = -1
            #expect(perfv_system_clocksource(nil, 0, &length) == PERFV_OK)
            #expect(length == full.text.utf8.count)

            // One byte short: a NUL-terminated prefix, the full length, PERFV_EBUFFER.
            var small = [CChar](repeating: 0x7F, count: full.text.utf8.count)
            length = -1
            #expect(perfv_system_clocksource(&small, small.count, &length) == PERFV_EBUFFER)
            #expect(length == full.text.utf8.count)
            #expect(String(cString: small) == String(full.text.dropLast()))
            #expect(CAPITestSupport.lastError().contains("needs \(full.text.utf8.count + 1) bytes"))

            #expect(perfv_system_clocksource(nil, 16, &length) == PERFV_EINVAL)
            #expect(perfv_system_clocksource(nil, 0, nil) == PERFV_EINVAL)
            #expect(perfv_system_clocksource(&small, -1, nil) == PERFV_EINVAL, "(size_t)-1")

            var present: Int32 = 0
            #expect(perfv_system_hypervisor_present(nil) == PERFV_EINVAL)
            #expect(perfv_system_hypervisor_present(&present) == PERFV_OK)
            #expect(perfv_eventset_create(nil) == PERFV_EINVAL)
            var region: perfv_region_t?
            #expect(perfv_region_create(nil, nil, &region) == PERFV_EINVAL)
            #expect(perfv_region_create("", nil, &region) == PERFV_EINVAL)
            #expect(perfv_region_create("x", nil, nil) == PERFV_EINVAL)
        }

        @Test("counter arrays that are too small or NULL")
        func counterBuffers() throws {
            var eventSet: perfv_eventset_t?
            try #require(perfv_eventset_create(&eventSet) == PERFV_OK)
            defer { _ = perfv_eventset_destroy(eventSet) }
            try #require(perfv_eventset_add(eventSet, "perf::task-clock") == PERFV_OK, "\(CAPITestSupport.lastError())")
            try #require(perfv_eventset_add(eventSet, "perf::page-faults") == PERFV_OK, "\(CAPITestSupport.lastError())")
            try #require(perfv_eventset_start(eventSet) == PERFV_OK)

            var one: [Int64] = [0]
            #expect(perfv_eventset_read(eventSet, &one, 1) == PERFV_EBUFFER)
            #expect(CAPITestSupport.lastError().contains("2 values"))
            #expect(perfv_eventset_read(eventSet, nil, 0) == PERFV_EBUFFER)
            #expect(perfv_eventset_read(eventSet, nil, 2) == PERFV_EINVAL)
            #expect(perfv_eventset_read(eventSet, &one, -1) == PERFV_EINVAL)
            // A bad array leaves the set running: stop still works afterwards.
            #expect(perfv_eventset_stop(eventSet, &one, 1) == PERFV_EBUFFER)
            #expect(perfv_eventset_stop(eventSet, nil, 0) == PERFV_OK)

            var region: perfv_region_t?
            try #require(perfv_region_create("counters", eventSet, &region) == PERFV_OK, "\(CAPITestSupport.lastError())")
            defer { _ = perfv_region_destroy(region) }
            var measurement = perfv_measurement_t()
            try #require(perfv_region_begin(region) == PERFV_OK)
            try #require(perfv_region_end(region, &measurement) == PERFV_OK)
            #expect(measurement.counter_count == 2)
            var count: Int32 = -1
            #expect(perfv_region_counters(region, &one, 1, &count) == PERFV_EBUFFER)
            #expect(count == 2, "the count needed is reported with PERFV_EBUFFER")
            count = -1
            #expect(perfv_region_counters(region, nil, 0, &count) == PERFV_EBUFFER)
            #expect(count == 2)
        }

        @Test("out-of-order event set calls")
        func eventSetOrder() throws {
            var eventSet: perfv_eventset_t?
            try #require(perfv_eventset_create(&eventSet) == PERFV_OK)
            defer { _ = perfv_eventset_destroy(eventSet) }
            var values: [Int64] = [0, 0]

            #expect(perfv_eventset_start(eventSet) == PERFV_ESTATE, "no events yet")
            #expect(CAPITestSupport.lastError().contains("no events"))
            var region: perfv_region_t?
            #expect(perfv_region_create("empty", eventSet, &region) == PERFV_EINVAL, "an empty event set")

            try #require(perfv_eventset_add(eventSet, "perf::task-clock") == PERFV_OK, "\(CAPITestSupport.lastError())")
            #expect(perfv_eventset_add(eventSet, "perf::task-clock") == PERFV_EINVAL, "the same event twice")
            #expect(perfv_eventset_read(eventSet, &values, 2) == PERFV_ESTATE, "read before start")
            #expect(perfv_eventset_stop(eventSet, nil, 0) == PERFV_ESTATE, "stop before start")
            #expect(perfv_eventset_start(eventSet) == PERFV_OK)
            #expect(perfv_eventset_start(eventSet) == PERFV_ESTATE, "start twice")
            #expect(perfv_eventset_add(eventSet, "perf::page-faults") == PERFV_ESTATE, "add while running")
            #expect(perfv_eventset_stop(eventSet, nil, 0) == PERFV_OK)
            #expect(perfv_eventset_add(eventSet, "perf::page-faults") == PERFV_OK)

            var name = [CChar](repeating: 0, count: 64)
            #expect(perfv_eventset_event_name(eventSet, 2, &name, 64, nil) == PERFV_EINVAL)
            #expect(perfv_eventset_event_name(eventSet, -1, &name, 64, nil) == PERFV_EINVAL)
        }

        @Test("component indices out of range")
        func componentIndices() throws {
            var count: Int32 = 0
            try #require(perfv_component_count(&count) == PERFV_OK)
            var enabled: Int32 = 0
            #expect(perfv_component_enabled(-1, &enabled) == PERFV_EINVAL)
            #expect(perfv_component_enabled(count, &enabled) == PERFV_EINVAL)
            #expect(CAPITestSupport.text { perfv_component_name(count, $0, $1, $2) }.status == PERFV_EINVAL)
            #expect(perfv_component_count(nil) == PERFV_EINVAL)
        }

        @Test("concurrent use and destroy of one handle return codes, never crash")
        func concurrentUseAndDestroy() throws {
            var region: perfv_region_t?
            try #require(perfv_region_create("raced", nil, &region) == PERFV_OK)
            let handle = UInt(bitPattern: region)

            // Another thread destroys the region while this thread begins and ends it.
            let destroyStatuses = ResultBox<Set<Int32>>()
            let destroyed = DispatchSemaphore(value: 0)
            Thread {
                usleep(2_000)
                var seen = Set<Int32>()
                var status: Int32
                repeat {
                    status = perfv_region_destroy(OpaquePointer(bitPattern: handle))
                    seen.insert(status)
                } while status == PERFV_EBUSY
                destroyStatuses.value = seen
                destroyed.signal()
            }.start()
            var statuses: [Int32: Int] = [:]
            var m = perfv_measurement_t()
            var finished = false
            while !finished {
                for status in [perfv_region_begin(region), perfv_region_end(region, &m)] {
                    statuses[status, default: 0] += 1
                    if status == PERFV_EHANDLE { finished = true }
                }
                // Leave the destroyer a gap between calls as well as during them.
                sched_yield()
            }
            destroyed.wait()
            #expect(Set(statuses.keys).isSubset(of: [PERFV_OK, PERFV_EHANDLE]), "\(statuses)")
            #expect(destroyStatuses.value?.contains(PERFV_OK) == true)
            #expect(destroyStatuses.value?.isSubset(of: [PERFV_OK, PERFV_EBUSY]) == true, "\(destroyStatuses.value ?? [])")
            #expect(perfv_region_destroy(region) == PERFV_EHANDLE)

            // Two threads reading one event set: one may be turned away, none races.
            var eventSet: perfv_eventset_t?
            try #require(perfv_eventset_create(&eventSet) == PERFV_OK)
            defer { _ = perfv_eventset_destroy(eventSet) }
            try #require(perfv_eventset_add(eventSet, "perf::page-faults") == PERFV_OK, "\(CAPITestSupport.lastError())")
            try #require(perfv_eventset_start(eventSet) == PERFV_OK)
            let shared = UInt(bitPattern: eventSet)
            let reads = { () -> Set<Int32> in
                var seen = Set<Int32>()
                var value: Int64 = 0
                for _ in 0..<20_000 { seen.insert(perfv_eventset_read(OpaquePointer(bitPattern: shared), &value, 1)) }
                return seen
            }
            let other = ResultBox<Set<Int32>>()
            let done = DispatchSemaphore(value: 0)
            Thread { other.value = reads(); done.signal() }.start()
            let mine = reads()
            done.wait()
            #expect(mine.union(other.value ?? []).isSubset(of: [PERFV_OK, PERFV_EBUSY]))
            #expect(mine.contains(PERFV_OK) && other.value?.contains(PERFV_OK) == true)
        }

        @Test("the handle table fills up with PERFV_ENOMEM and recovers")
        func handleTableExhaustion() throws {
            var handles: [perfv_eventset_t?] = []
            defer { for handle in handles { _ = perfv_eventset_destroy(handle) } }
            var status = PERFV_OK
            while handles.count <= 10_000 {
                var handle: perfv_eventset_t?
                status = perfv_eventset_create(&handle)
                guard status == PERFV_OK else { break }
                handles.append(handle)
            }
            #expect(status == PERFV_ENOMEM)
            #expect(handles.count == 4096)
            #expect(Set(handles.map { UInt(bitPattern: $0) }).count == handles.count, "every handle is distinct")
            #expect(perfv_eventset_destroy(handles.removeLast()) == PERFV_OK)
            var again: perfv_eventset_t?
            #expect(perfv_eventset_create(&again) == PERFV_OK)
            handles.append(again)
        }
    }
}
