import Foundation
import Testing

extension CAPITests {
    /// The Fortran module's own logic: string conversion both ways, optional
    /// arguments, and misuse through its wrappers.
    @Suite("Fortran module: strings, optional arguments, misuse")
    struct Fortran {
        static let programSource = """
            program module_check
                use, intrinsic :: iso_c_binding, only: c_int64_t
                use perfv
                implicit none
                type(perfv_region) :: never_created, region, fast
                type(perfv_team_region) :: team
                type(perfv_team_measurement) :: tm
                type(perfv_team_thread) :: threads(64)
                type(perfv_eventset) :: events
                type(perfv_measurement) :: m
                character(len=3) :: short
                character(len=64) :: long
                integer(c_int64_t) :: values(4), one(1)
                integer :: status, count, skipped

                write (*, '(a,i0)') 'before_init: ', perfv_region_begin(never_created)
                write (*, '(a,i0)') 'init: ', perfv_init(PERFV_VERSION)
                write (*, '(a,i0)') 'null_region: ', perfv_region_begin(never_created)
                write (*, '(a,i0)') 'short_vendor_status: ', perfv_system_hypervisor_vendor(short)
                write (*, '(a,a,a)') 'short_vendor: [', short, ']'
                write (*, '(a,i0)') 'long_vendor_status: ', perfv_system_hypervisor_vendor(long)
                write (*, '(a,a,a)') 'long_vendor: [', trim(long), ']'

                write (*, '(a,i0)') 'create_events: ', perfv_eventset_create(events)
                status = perfv_eventset_add(events, 'perf::no-such-event')
                write (*, '(a,i0)') 'unknown_event: ', status
                write (*, '(a,a)') 'unknown_event_message: ', perfv_last_error_message()
                write (*, '(a,i0)') 'add_padded: ', perfv_eventset_add(events, 'perf::task-clock      ')
                write (*, '(a,i0)') 'event_name_status: ', perfv_eventset_event_name(events, 0, long)
                write (*, '(a,a,a)') 'event_name: [', trim(long), ']'
                write (*, '(a,i0)') 'start: ', perfv_eventset_start(events)
                write (*, '(a,i0)') 'read_short: ', perfv_eventset_read(events, values(1:0))
                write (*, '(a,i0)') 'stop_short: ', perfv_eventset_stop(events, values(1:0))
                write (*, '(a,i0)') 'start_after_stop_short: ', perfv_eventset_start(events)
                write (*, '(a,i0)') 'stop_with_values: ', perfv_eventset_stop(events, one)
                write (*, '(a,i0)') 'stopped_value_positive: ', merge(1, 0, one(1) > 0)

                write (*, '(a,i0)') 'create_region: ', perfv_region_create('fortran region   ', region, events)
                write (*, '(a,i0)') 'region_name_status: ', perfv_region_name(region, long)
                write (*, '(a,a,a)') 'region_name: [', trim(long), ']'
                write (*, '(a,i0)') 'end_without_begin: ', perfv_region_end(region, m)
                write (*, '(a,i0)') 'begin: ', perfv_region_begin(region)
                write (*, '(a,i0)') 'end: ', perfv_region_end(region, m)
                write (*, '(a,i0)') 'counter_count: ', m%counter_count
                write (*, '(a,i0)') 'counters: ', perfv_region_counters(region, values, count)
                write (*, '(a,i0)') 'counters_count: ', count
                write (*, '(a,i0)') 'counters_short: ', perfv_region_counters(region, values(1:0), count)
                write (*, '(a,i0)') 'destroy: ', perfv_region_destroy(region)
                write (*, '(a,i0)') 'create_fast: ', perfv_region_create('fast', fast, flags=PERFV_REGION_FAST)
                write (*, '(a,i0)') 'fast_cycle: ', perfv_region_begin(fast) + perfv_region_end(fast, m)
                write (*, '(a,i0)') 'fast_skipped_status: ', perfv_region_skipped_reads(fast, skipped)
                write (*, '(a,i0)') 'fast_skipped_process_cpu: ', iand(skipped, PERFV_SKIPPED_PROCESS_CPU)
                write (*, '(a,i0)') 'fast_destroy: ', perfv_region_destroy(fast)
                write (*, '(a,i0)') 'team_create: ', perfv_team_region_create(team)
                write (*, '(a,i0)') 'team_begin: ', perfv_team_region_begin(team)
                write (*, '(a,i0)') 'team_end: ', perfv_team_region_end(team, tm)
                write (*, '(a,i0)') 'team_adjusted_le_wall: ', merge(1, 0, tm%adjusted_ns <= tm%wall_ns)
                write (*, '(a,i0)') 'team_threads_short: ', perfv_team_region_threads(team, threads(1:0), count)
                write (*, '(a,i0)') 'team_threads: ', perfv_team_region_threads(team, threads, count)
                write (*, '(a,i0)') 'team_count_matches: ', merge(1, 0, count == tm%thread_count .and. count >= 1)
                write (*, '(a,i0)') 'team_destroy: ', perfv_team_region_destroy(team)
                write (*, '(a,i0)') 'destroy_again: ', perfv_region_destroy(region)
                write (*, '(a,i0)') 'destroy_events: ', perfv_eventset_destroy(events)
                write (*, '(a,a)') 'strerror: ', perfv_strerror(PERFV_EHANDLE)
                write (*, '(a,i0)') 'shutdown: ', perfv_shutdown()
            end program module_check
            """

        @Test("strings convert both ways and misuse returns codes")
        func moduleBehaviour() throws {
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let source = work.appendingPathComponent("module_check.f90")
            try Self.programSource.write(to: source, atomically: true, encoding: .utf8)
            let program = try CAPITestSupport.compileFortran(file: source, into: work)
            let run = try CAPITestSupport.run(program, [])
            try #require(run.status == 0, "\(run.output)\n\(run.error)")
            let values = CAPITests.Examples.parse(run.output)
            func code(_ name: String) -> Int? { values[name].flatMap { Int($0) } }

            #expect(code("before_init") == -3, "PERFV_ENOINIT")
            #expect(code("init") == 0)
            #expect(code("null_region") == -4, "a never-created handle is NULL: PERFV_EHANDLE")

            let vendor = try #require(values["long_vendor"]).dropFirst().dropLast()
            #expect(code("long_vendor_status") == 0)
            if vendor.count > 3 {
                #expect(code("short_vendor_status") == -5, "PERFV_EBUFFER when the variable is too short")
                #expect(values["short_vendor"] == "[\(vendor.prefix(3))]", "cut to the variable's length")
            } else {
                #expect(code("short_vendor_status") == 0)
            }

            #expect(code("unknown_event") == -6, "PERFV_ENOEVENT")
            #expect(values["unknown_event_message"]?.contains("perf::no-such-event") == true,
                    "the name arrives trimmed and NUL-terminated")
            #expect(code("add_padded") == 0, "trailing blanks are not part of the name")
            #expect(values["event_name"] == "[perf::task-clock]")
            #expect(code("start") == 0)
            #expect(code("read_short") == -5, "an empty array is too small: PERFV_EBUFFER")
            #expect(code("stop_short") == -5, "stop with too small an array: PERFV_EBUFFER, as in C")
            #expect(code("start_after_stop_short") == -8, "the set is still running (PERFV_ESTATE), as in C")
            #expect(code("stop_with_values") == 0)
            #expect(code("stopped_value_positive") == 1)

            #expect(code("create_region") == 0, "the optional event set is passed")
            #expect(values["region_name"] == "[fortran region]")
            #expect(code("end_without_begin") == -8, "PERFV_ESTATE")
            #expect(code("begin") == 0 && code("end") == 0)
            #expect(code("counter_count") == 1)
            #expect(code("counters") == 0 && code("counters_count") == 1)
            #expect(code("counters_short") == -5)
            #expect(code("destroy") == 0)
            #expect(code("destroy_again") == -4, "double destroy: PERFV_EHANDLE")
            #expect(code("create_fast") == 0 && code("fast_cycle") == 0, "flags pass through")
            #expect(code("fast_skipped_status") == 0 && code("fast_skipped_process_cpu") == 2)
            #expect(code("fast_destroy") == 0)
            #expect(code("team_create") == 0 && code("team_begin") == 0 && code("team_end") == 0)
            #expect(code("team_adjusted_le_wall") == 1)
            #expect(code("team_threads_short") == -5, "PERFV_EBUFFER")
            #expect(code("team_threads") == 0 && code("team_count_matches") == 1)
            #expect(code("team_destroy") == 0)
            #expect(code("destroy_events") == 0)
            #expect(values["strerror"]?.hasPrefix("PERFV_EHANDLE:") == true)
            #expect(code("shutdown") == 0)
        }
    }
}
