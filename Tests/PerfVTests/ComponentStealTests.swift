#if canImport(Glibc)
import Glibc
#endif
import CPUContention
import Testing
@testable import PerfV

@Suite("Counters: steal component")
struct ComponentStealTests {
    @Test("the component offers its three events on Linux")
    func events() throws {
        let steal = StealComponent()
        #expect(steal.status == .enabled)
        #expect(steal.events.map(\.name) == ["system_ns", "cpu_ns", "run_delay_ns"])
        #expect(steal.events.allSatisfy { $0.unit == .nanoseconds })
    }

    @Test("run delay and task-clock add up to the wall time of a thread sharing its CPU", .enabled(if: CounterTestEnvironment.perfEnabled, "perf_event_open is refused here"))
    func runDelayUnderContention() throws {
        let processors = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let cpu = processors - 1
        // The measured thread and one hog share one CPU, both at nice 19, on threads
        // of their own: the rest of the machine (and other tests) is left alone.
        let (values, wall) = try PinnedThread.run(on: cpu, scheduling: .lowPriority) { () throws -> ([Int64], Int64) in
            let counters = try EventSet(events: ["steal::run_delay_ns", "perf::task-clock", "steal::system_ns", "steal::cpu_ns"])
            let hogs = try CPUHog(cpu: cpu, scheduling: .lowPriority)
            defer { hogs.stop() }
            try counters.start()
            let began = CounterTestWorkloads.monotonicNanoseconds()
            CounterTestWorkloads.spin(wallNanoseconds: 300_000_000)
            let wall = CounterTestWorkloads.monotonicNanoseconds() - began
            try counters.stop()
            return (try counters.read(), wall)
        }
        let (runDelay, taskClock, systemSteal, cpuSteal) = (values[0], values[1], values[2], values[3])

        // Sharing its CPU with a spinning thread, the measured thread must wait.
        #expect(runDelay >= wall / 10, "run delay \(runDelay) ns in \(wall) ns")
        // A spinning thread is either on its CPU or waiting for it.
        let accounted = runDelay + taskClock
        #expect(abs(accounted - wall) <= wall / 5, "run delay \(runDelay) + task-clock \(taskClock) vs wall \(wall)")

        // Steal is never negative, the seen CPU is one of all CPUs, and the total
        // cannot exceed every CPU's share of the interval (plus a tick per CPU).
        let tick = 1_000_000_000 / Int64(sysconf(Int32(_SC_CLK_TCK)))
        #expect(cpuSteal >= 0 && systemSteal >= 0)
        #expect(cpuSteal <= systemSteal, "cpu_ns \(cpuSteal) > system_ns \(systemSteal)")
        #expect(systemSteal <= Int64(processors) * (wall + 2 * tick), "system steal \(systemSteal) ns in \(wall) ns")
    }

    @Test("stop freezes and reset zeroes the steal counters")
    func stopAndReset() throws {
        let counters = try EventSet(events: ["steal::run_delay_ns", "steal::system_ns"])
        try counters.start()
        CounterTestWorkloads.sleepRepeatedly(5)
        try counters.stop()
        let frozen = try counters.read()
        CounterTestWorkloads.sleepRepeatedly(5)
        #expect(try counters.read() == frozen)
        try counters.reset()
        #expect(try counters.read() == [0, 0])
    }

    @Test("an unknown steal event suggests the real names")
    func unknownEvent() throws {
        let error = #expect(throws: CounterError.self) { _ = try EventSet(events: ["steal::cpu"]) }
        guard case let .unknownEvent(event, component, suggestions) = error else {
            Issue.record("expected unknownEvent, got \(String(describing: error))")
            return
        }
        #expect(event == "steal::cpu")
        #expect(component == "steal")
        #expect(suggestions.contains("steal::cpu_ns"))
    }
}
