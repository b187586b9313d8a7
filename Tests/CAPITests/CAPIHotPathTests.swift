import Foundation
import Testing

extension CAPITests {
    /// The hot paths allocate nothing: checked in a C program whose malloc,
    /// calloc, realloc and posix_memalign are counted by an LD_PRELOAD shim.
    @Suite("hot paths: no allocation through the C entry points")
    struct HotPaths {
        /// Counts every heap allocation of the process it is preloaded into.
        static let counterSource = """
            #define _GNU_SOURCE
            #include <dlfcn.h>
            #include <stdatomic.h>
            #include <stddef.h>
            static _Atomic long allocations;
            long counted_allocations(void) { return atomic_load(&allocations); }
            #define NEXT(name) static __typeof__(name) *next; if (!next) next = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)
            void *malloc(size_t size) { NEXT(malloc); atomic_fetch_add(&allocations, 1); return next(size); }
            void *realloc(void *old, size_t size) { NEXT(realloc); atomic_fetch_add(&allocations, 1); return next(old, size); }
            int posix_memalign(void **out, size_t alignment, size_t size) {
                NEXT(posix_memalign); atomic_fetch_add(&allocations, 1); return next(out, alignment, size);
            }
            """

        /// Warms up, then counts allocations over 1000 region begin/end pairs (all
        /// reads, then PERFV_REGION_FAST), 1000 rounds of the five timers, 1000 nested pairs of named regions
        /// (their tables and sample buffer already sized), and 10 failing calls (which build a
        /// message, so the count is seen to work).
        static let programSource = """
            #include <perfv.h>
            #include <dlfcn.h>
            #include <stdio.h>
            int main(void) {
                long (*counted)(void) = (long (*)(void))dlsym(RTLD_DEFAULT, "counted_allocations");
                if (!counted || perfv_init(PERFV_VERSION) != PERFV_OK) return 1;
                perfv_region_t region;
                perfv_measurement_t m;
                if (perfv_region_create("hot", NULL, &region) != PERFV_OK) return 1;
                volatile long long sink = 0;
                for (int i = 0; i < 10; i++) { perfv_region_begin(region); perfv_region_end(region, &m); }
                long start = counted();
                for (int i = 0; i < 1000; i++) {
                    if (perfv_region_begin(region) != PERFV_OK || perfv_region_end(region, &m) != PERFV_OK) return 1;
                }
                long regions = counted();
                perfv_region_t fast;
                if (perfv_region_create_with("fast", NULL, PERFV_REGION_FAST, &fast) != PERFV_OK) return 1;
                for (int i = 0; i < 10; i++) { perfv_region_begin(fast); perfv_region_end(fast, &m); }
                long fast_start = counted();
                for (int i = 0; i < 1000; i++) {
                    if (perfv_region_begin(fast) != PERFV_OK || perfv_region_end(fast, &m) != PERFV_OK) return 1;
                }
                long fast_regions = counted() - fast_start;
                long timer_start = counted();
                for (int i = 0; i < 1000; i++) {
                    sink += perfv_get_real_nsec() + perfv_get_real_usec() + perfv_get_real_cyc()
                          + perfv_get_virt_nsec() + perfv_get_virt_usec();
                }
                long timers = counted(), named_start = timers;
                for (int i = 0; i < 1010; i++) {
                    if (i == 10) named_start = counted();
                    if (perfv_region_begin_named("hot") != PERFV_OK || perfv_region_begin_named("inner") != PERFV_OK
                        || perfv_region_end_named("inner") != PERFV_OK || perfv_region_end_named("hot") != PERFV_OK) return 1;
                }
                long named = counted();
                for (int i = 0; i < 10; i++) perfv_region_end(region, &m);
                long failures = counted();
                printf("regions: %ld\\nfast_regions: %ld\\ntimers: %ld\\nnamed: %ld\\nfailures: %ld\\n", regions - start,
                       fast_regions, timers - timer_start, named - named_start, failures - named);
                return 0;
            }
            """

        /// Without events, and with PERFV_EVENTS counted into every named region's totals.
        @Test("region begin/end, named regions and the timers allocate nothing",
              arguments: ["", "perf::task-clock"])
        func noAllocation(events: String) throws {
            let cc = try #require(CAPITestSupport.findProgram(["cc", "gcc", "clang"]), "no C compiler on PATH")
            let library = try CAPITestSupport.builtLibrary()
            let work = try CAPITestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let counter = work.appendingPathComponent("counter.c"), counterLibrary = work.appendingPathComponent("libcounter.so")
            let program = work.appendingPathComponent("hot.c"), executable = work.appendingPathComponent("hot")
            try Self.counterSource.write(to: counter, atomically: true, encoding: .utf8)
            try Self.programSource.write(to: program, atomically: true, encoding: .utf8)

            let buildCounter = try CAPITestSupport.run(cc, ["-O2", "-shared", "-fPIC", counter.path, "-ldl", "-o", counterLibrary.path])
            try #require(buildCounter.status == 0, "\(buildCounter.error)")
            let buildProgram = try CAPITestSupport.run(cc, [
                "-O2", "-Wall", "-Werror", program.path,
                "-I", CAPITestSupport.packageRoot.appendingPathComponent("Sources/CPerfV/include").path,
                "-L", library.deletingLastPathComponent().path, "-lperfv",
                "-Wl,-rpath," + library.deletingLastPathComponent().path, "-ldl", "-o", executable.path,
            ])
            try #require(buildProgram.status == 0, "\(buildProgram.error)")

            // The named regions' rank file, written at exit, goes to the scratch directory.
            let run = try CAPITestSupport.run("/usr/bin/env", [
                "LD_PRELOAD=\(counterLibrary.path)", "PERFV_OUTPUT_DIRECTORY=\(work.path)", "PERFV_EVENTS=\(events)",
                executable.path,
            ])
            try #require(run.status == 0, "\(run.output)\n\(run.error)")
            let values = CAPITests.Examples.parse(run.output)
            #expect(values["regions"] == "0", "allocations in 1000 region begin/end pairs")
            #expect(values["fast_regions"] == "0", "allocations in 1000 PERFV_REGION_FAST begin/end pairs")
            #expect(values["timers"] == "0", "allocations in 1000 rounds of timer reads")
            #expect(values["named"] == "0", "allocations in 1000 nested named-region pairs, events: \(events)")
            #expect(values["failures"].flatMap { Int($0) }.map { $0 > 0 } == true,
                    "failing calls build a message, so the counter sees allocations")
        }
    }
}
