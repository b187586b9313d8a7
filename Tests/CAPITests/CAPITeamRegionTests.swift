import CPerfV
import Foundation
import Testing

extension CAPITests {
    /// perfv_team_region_* from a C + OpenMP program: the team it sees, the
    /// measurement's invariants, and misuse.
    @Suite("team regions from C and OpenMP")
    struct TeamRegions {
        @Test("an OpenMP team is measured thread by thread, and misuse returns codes")
        func openMPTeam() throws {
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let program = try CAPITestSupport.compileC("Tests/CPrograms/team_region_openmp.c", flags: ["-fopenmp"],
                                                       libraries: ["m"], into: work)
            let run = try CAPITestSupport.run(program, [])
            try #require(run.status == 0, "exit \(run.status)\n\(run.output)\n\(run.error)")
            let values = CAPITests.Examples.parse(run.output)
            func number(_ key: String) -> Int64? { values[key].flatMap { Int64($0) } }

            #expect(number("threads_short") == Int64(PERFV_EBUFFER), "no room for the threads")
            let threadCount = try #require(number("thread_count"))
            #expect(threadCount >= 4, "the 4 OpenMP threads at least")
            #expect(number("count") == threadCount, "EBUFFER still reports how many")
            let wall = try #require(number("wall_ns")), adjusted = try #require(number("adjusted_ns"))
            #expect(wall > 0 && adjusted > 0 && adjusted <= wall, "wall \(wall), adjusted \(adjusted)")
            for thread in 0..<4 {
                let cpu = try #require(number("team_cpu_\(thread)"), "thread \(thread) listed")
                #expect(cpu > 0 && cpu <= wall + 10_000_000, "OpenMP thread \(thread) ran in the region: \(cpu) ns of \(wall)")
            }
            #expect(number("critical") == -1 || number("critical_listed") == 1, "the critical thread is one of the team")
            #expect(number("begin_after_end") == Int64(PERFV_OK))
            #expect(number("begin_twice") == Int64(PERFV_ESTATE))
            #expect(number("end_null") == Int64(PERFV_EINVAL))
            #expect(number("end_again") == Int64(PERFV_OK), "a refused end leaves the region begun")
            #expect(number("end_from_worker") == Int64(PERFV_ETHREAD))
            #expect(number("destroy") == Int64(PERFV_OK))
            #expect(number("destroy_again") == Int64(PERFV_EHANDLE))
            #expect(number("negative_count") == Int64(PERFV_EINVAL))
            #expect(number("null_excluded") == Int64(PERFV_EINVAL))
        }
    }

    /// perfv_region_create_with: the reads a region in a loop can skip, and saying so.
    @Suite("regions that skip reads")
    struct SkippingRegions {
        init() throws { try CAPITestSupport.initialize() }

        @Test("a fast region skips the waiting reads when on CPU, and reads them after a sleep")
        func fastRegion() throws {
            var region: perfv_region_t?
            try #require(perfv_region_create_with("fast", nil, PERFV_REGION_SKIP_IDLE_READS | PERFV_REGION_NO_PROCESS_CPU,
                                                  &region) == PERFV_OK)
            defer { _ = perfv_region_destroy(region) }
            var skipped: Int32 = -1
            #expect(perfv_region_skipped_reads(region, &skipped) == PERFV_ESTATE, "nothing ended yet")
            var measurement = perfv_measurement_t()
            // Back-to-back: off CPU for far less than 10 µs unless preempted right here.
            var skippingEnds = 0
            for _ in 0..<20 {
                #expect(perfv_region_begin(region) == PERFV_OK)
                #expect(perfv_region_end(region, &measurement) == PERFV_OK)
                #expect(perfv_region_skipped_reads(region, &skipped) == PERFV_OK)
                #expect(skipped & PERFV_SKIPPED_PROCESS_CPU != 0 && measurement.process_cpu_ns == 0)
                if skipped & PERFV_SKIPPED_RUN_DELAY_AND_STEAL != 0 {
                    skippingEnds += 1
                    #expect(measurement.run_delay_ns == 0 && measurement.steal_ns == 0)
                    #expect(measurement.adjusted_ns == measurement.wall_ns)
                    #expect(measurement.wall_ns - measurement.thread_cpu_ns <= 10_000)
                }
            }
            #expect(skippingEnds > 0, "at least one of 20 empty regions stayed on CPU")
            // Asleep for 20 ms: off CPU far beyond the threshold, so the reads happen.
            #expect(perfv_region_begin(region) == PERFV_OK)
            usleep(20_000)
            #expect(perfv_region_end(region, &measurement) == PERFV_OK)
            #expect(perfv_region_skipped_reads(region, &skipped) == PERFV_OK)
            #expect(skipped == PERFV_SKIPPED_PROCESS_CPU, "run delay and steal were read")
            #expect(measurement.wall_ns >= 20_000_000)
        }

        @Test("the default region reads everything, and an unknown flag is refused")
        func defaultsAndFlags() throws {
            var region: perfv_region_t?
            try #require(perfv_region_create("all", nil, &region) == PERFV_OK)
            defer { _ = perfv_region_destroy(region) }
            var measurement = perfv_measurement_t()
            var skipped: Int32 = -1
            #expect(perfv_region_begin(region) == PERFV_OK && perfv_region_end(region, &measurement) == PERFV_OK)
            #expect(perfv_region_skipped_reads(region, &skipped) == PERFV_OK && skipped == 0)
            #expect(perfv_region_skipped_reads(region, nil) == PERFV_EINVAL)

            var refused: perfv_region_t?
            #expect(perfv_region_create_with("bad", nil, 4, &refused) == PERFV_EINVAL)
            #expect(CAPITestSupport.lastError().contains("0x4"), "names the unknown bits: \(CAPITestSupport.lastError())")
            #expect(refused == nil)
        }
    }
}
