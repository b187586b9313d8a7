import CKernels
import CPerfV
import PerfV
import Testing

extension CAPITests {
    /// The C calls report what the Swift API reports on this machine.
    @Suite("measurements: system, components, timers, event sets, regions")
    struct Measurements {
        init() throws { try CAPITestSupport.initialize() }

        @Test("system information matches SystemInfo")
        func systemInformation() throws {
            let system = SystemInfo.gather(measureClocks: false)
            var present: Int32 = -1, pmu: Int32 = -1
            #expect(perfv_system_hypervisor_present(&present) == PERFV_OK)
            #expect(present == (system.hypervisor.present ? 1 : 0))
            #expect(CAPITestSupport.text { perfv_system_hypervisor_vendor($0, $1, $2) }
                    == (PERFV_OK, system.hypervisor.vendor ?? ""))
            #expect(perfv_system_pmu_available(&pmu) == PERFV_OK)
            #expect(pmu == (system.pmu.available ? 1 : 0))
            let reason = CAPITestSupport.text { perfv_system_pmu_reason($0, $1, $2) }
            #expect(reason == (PERFV_OK, system.pmu.reason ?? ""))
            #expect(pmu == 1 || !reason.text.isEmpty, "no PMU comes with a reason")
            #expect(CAPITestSupport.text { perfv_system_clocksource($0, $1, $2) }
                    == (PERFV_OK, system.clocksource.current ?? "?"))
            let flavor = CAPITestSupport.text { perfv_system_kvm_flavor($0, $1, $2) }
            #expect(flavor == (PERFV_OK, system.kvm.devicePresent ? system.kvm.flavor.rawValue : ""))
        }

        @Test("components match PerfV's registry")
        func components() throws {
            let all = ComponentRegistry.shared.all
            var count: Int32 = -1
            #expect(perfv_component_count(&count) == PERFV_OK)
            try #require(Int(count) == all.count)
            for (index, component) in all.enumerated() {
                let index = Int32(index)
                #expect(CAPITestSupport.text { perfv_component_name(index, $0, $1, $2) } == (PERFV_OK, component.name))
                var enabled: Int32 = -1
                #expect(perfv_component_enabled(index, &enabled) == PERFV_OK)
                #expect(enabled == (component.status.isEnabled ? 1 : 0))
                var expectedReason = ""
                if case let .disabled(reason) = component.status { expectedReason = reason }
                #expect(CAPITestSupport.text { perfv_component_disabled_reason(index, $0, $1, $2) }
                        == (PERFV_OK, expectedReason))
            }
        }

        @Test("the PAPI-style timers read the clocks they document")
        func timers() {
            let swiftBefore = Clock.monotonic.nanoseconds()
            let realBefore = perfv_get_real_nsec()
            let cyclesBefore = perfv_get_real_cyc()
            let virtBefore = perfv_get_virt_nsec()
            var sum: UInt64 = 0
            for value in 0..<2_000_000 as Range<UInt64> { sum &+= value &* value }
            let virtAfter = perfv_get_virt_nsec()
            let cyclesAfter = perfv_get_real_cyc()
            let realAfter = perfv_get_real_nsec()
            let swiftAfter = Clock.monotonic.nanoseconds()
            #expect(sum != 1)

            // CLOCK_MONOTONIC: between two Swift reads of the same clock.
            #expect(swiftBefore <= realBefore && realAfter <= swiftAfter)
            #expect(cyclesAfter > cyclesBefore)
            let cpu = virtAfter - virtBefore, wall = realAfter - realBefore
            #expect(cpu > 0)
            #expect(cpu <= wall + 1_000_000, "thread CPU \(cpu) ns within wall \(wall) ns")
            // The microsecond variants are the same clocks divided by 1000.
            let usec = perfv_get_real_usec(), nsec = perfv_get_real_nsec()
            #expect(usec <= nsec / 1000 && nsec / 1000 - usec < 1_000_000)
            let virtUsec = perfv_get_virt_usec(), virtNsec = perfv_get_virt_nsec()
            #expect(virtUsec <= virtNsec / 1000 && virtNsec / 1000 - virtUsec < 1_000_000)
        }

        @Test("an event set counts task-clock over a busy loop")
        func eventSetCounts() throws {
            var eventSet: perfv_eventset_t?
            try #require(perfv_eventset_create(&eventSet) == PERFV_OK)
            defer { _ = perfv_eventset_destroy(eventSet) }
            try #require(perfv_eventset_add(eventSet, "perf::task-clock") == PERFV_OK, "\(CAPITestSupport.lastError())")
            var count: Int32 = 0
            #expect(perfv_eventset_count(eventSet, &count) == PERFV_OK)
            #expect(count == 1)
            #expect(CAPITestSupport.text { perfv_eventset_event_name(eventSet, 0, $0, $1, $2) }
                    == (PERFV_OK, "perf::task-clock"))

            let cpuBefore = perfv_get_virt_nsec()
            let wallBefore = perfv_get_real_nsec()
            try #require(perfv_eventset_start(eventSet) == PERFV_OK)
            var sum: UInt64 = 0
            for value in 0..<3_000_000 as Range<UInt64> { sum &+= value ^ (value >> 3) }
            var running: [Int64] = [0]
            #expect(perfv_eventset_read(eventSet, &running, 1) == PERFV_OK)
            var final: [Int64] = [0]
            #expect(perfv_eventset_stop(eventSet, &final, 1) == PERFV_OK)
            let wall = perfv_get_real_nsec() - wallBefore
            let cpu = perfv_get_virt_nsec() - cpuBefore
            #expect(sum != 1)

            #expect(running[0] > 0)
            #expect(final[0] >= running[0])
            // task-clock runs on the local clock while the thread is on a CPU, steal included;
            // the thread CPU clock leaves the hypervisor's steal out. So wall time bounds it, not CPU time.
            #expect(final[0] <= wall, "task-clock \(final[0]) ns within the wall time \(wall) ns")
            #expect(final[0] >= cpu / 2, "task-clock \(final[0]) ns covers the loop's thread CPU \(cpu) ns")
            // After stop, reads return the counts at the stop; reset zeroes them.
            var later: [Int64] = [0]
            #expect(perfv_eventset_read(eventSet, &later, 1) == PERFV_OK)
            #expect(later[0] == final[0])
            #expect(perfv_eventset_reset(eventSet) == PERFV_OK)
            #expect(perfv_eventset_read(eventSet, &later, 1) == PERFV_OK)
            #expect(later[0] == 0)
        }

        @Test("a region measures an MMM the way PerfV's Region does")
        func regionMeasuresMMM() throws {
            let n: UInt32 = 160
            var a = [Double](repeating: 0, count: Int(n * n))
            var b = a, c = a
            perfv_mmm_init(n, &a, &b, &c)

            var eventSet: perfv_eventset_t?
            try #require(perfv_eventset_create(&eventSet) == PERFV_OK)
            try #require(perfv_eventset_add(eventSet, "perf::task-clock") == PERFV_OK, "\(CAPITestSupport.lastError())")
            var region: perfv_region_t?
            try #require(perfv_region_create("mmm", eventSet, &region) == PERFV_OK, "\(CAPITestSupport.lastError())")
            defer { _ = perfv_region_destroy(region) }
            #expect(perfv_eventset_destroy(eventSet) == PERFV_OK, "the region keeps its own counters")
            #expect(CAPITestSupport.text { perfv_region_name(region, $0, $1, $2) } == (PERFV_OK, "mmm"))

            var m = perfv_measurement_t()
            try #require(perfv_region_begin(region) == PERFV_OK)
            perfv_mmm_naive(n, a, b, &c, 0, n)
            try #require(perfv_region_end(region, &m) == PERFV_OK, "\(CAPITestSupport.lastError())")

            let swift = try Region.measure { perfv_mmm_naive(n, a, b, &c, 0, n) }.measurement

            for (label, wall, threadCPU, adjusted) in [
                ("C", m.wall_ns, m.thread_cpu_ns, m.adjusted_ns),
                ("Swift", swift.wallNanoseconds, swift.threadCPUNanoseconds, swift.adjustedWallNanoseconds),
            ] {
                #expect(wall > 0 && threadCPU > 0, "\(label)")
                #expect(adjusted <= wall, "\(label): adjusted \(adjusted) ≤ wall \(wall)")
                #expect(adjusted >= threadCPU, "\(label): adjusted \(adjusted) ≥ thread CPU \(threadCPU)")
                #expect(threadCPU <= wall + 1_000_000, "\(label): thread CPU \(threadCPU) ≤ wall \(wall)")
            }
            #expect(m.steal_ns >= 0 && m.run_delay_ns >= 0)
            #expect(m.process_cpu_ns >= m.thread_cpu_ns - 1_000_000)
            #expect(m.adjusted_ns == StealAdjustment.adjustedWallNanoseconds(
                wall: m.wall_ns, threadCPU: m.thread_cpu_ns, runDelay: m.run_delay_ns, steal: m.steal_ns))
            // The same work on the same thread: CPU times agree within a wide factor
            // (this catches unit mistakes, not performance changes).
            #expect(m.thread_cpu_ns < swift.threadCPUNanoseconds * 10 && swift.threadCPUNanoseconds < m.thread_cpu_ns * 10,
                    "C \(m.thread_cpu_ns) ns vs Swift \(swift.threadCPUNanoseconds) ns")

            #expect(m.counter_count == 1)
            var values: [Int64] = [0]
            var count: Int32 = 0
            #expect(perfv_region_counters(region, &values, 1, &count) == PERFV_OK)
            #expect(count == 1)
            // task-clock keeps the hypervisor's steal in, the thread CPU clock leaves it out: wall bounds it.
            #expect(values[0] > 0 && values[0] <= m.wall_ns, "task-clock \(values[0]) ns within wall \(m.wall_ns) ns")
        }

        @Test("a region can be begun and ended many times")
        func regionRepeats() throws {
            var region: perfv_region_t?
            try #require(perfv_region_create("loop", nil, &region) == PERFV_OK)
            defer { _ = perfv_region_destroy(region) }
            var m = perfv_measurement_t()
            for _ in 0..<100 {
                try #require(perfv_region_begin(region) == PERFV_OK)
                try #require(perfv_region_end(region, &m) == PERFV_OK)
                #expect(m.wall_ns >= 0 && m.adjusted_ns <= m.wall_ns)
                #expect(m.counter_count == 0)
            }
        }
    }
}
