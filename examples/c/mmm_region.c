/*
 * Times a matrix multiplication with a PerfV region and prints the raw and the
 * steal-adjusted wall time, the way a scientific code would use libperfv.
 *
 * Build (after scripts/install-libperfv):
 *   cc -O2 mmm_region.c $(pkg-config --cflags --libs perfv) -o mmm_region
 * Run:
 *   ./mmm_region [n]        (n × n matrices, default 256)
 *
 * Output is one "key: value" per line, so scripts (and PerfV's tests) can read it.
 */
#include <perfv.h>
#include <stdio.h>
#include <stdlib.h>

/* Exits with PerfV's explanation when a call fails. */
static void check(int status, const char *call) {
    if (status != PERFV_OK) {
        fprintf(stderr, "%s: %s (%s)\n", call, perfv_strerror(status), perfv_last_error_message());
        exit(1);
    }
}

/* C += A·B for n × n row-major matrices, i-k-j order. */
static void multiply(int n, const double *a, const double *b, double *c) {
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            double aik = a[(size_t)i * n + k];
            for (int j = 0; j < n; j++)
                c[(size_t)i * n + j] += aik * b[(size_t)k * n + j];
        }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 256;
    if (n <= 0 || n > 4096) {
        fprintf(stderr, "usage: %s [n]  (1 <= n <= 4096)\n", argv[0]);
        return 2;
    }
    check(perfv_init(PERFV_VERSION), "perfv_init");

    /* Where am I running? */
    int hypervisor = 0, pmu = 0;
    char vendor[64], clocksource[64], reason[512];
    check(perfv_system_hypervisor_present(&hypervisor), "perfv_system_hypervisor_present");
    check(perfv_system_hypervisor_vendor(vendor, sizeof vendor, NULL), "perfv_system_hypervisor_vendor");
    check(perfv_system_pmu_available(&pmu), "perfv_system_pmu_available");
    check(perfv_system_clocksource(clocksource, sizeof clocksource, NULL), "perfv_system_clocksource");
    printf("perfv_version: %s\n", perfv_version_string());
    printf("hypervisor_present: %d\n", hypervisor);
    printf("hypervisor_vendor: %s\n", vendor);
    printf("pmu_available: %d\n", pmu);
    if (!pmu) {
        /* The reason can be long; a too-small buffer still gets a NUL-terminated prefix. */
        int status = perfv_system_pmu_reason(reason, sizeof reason, NULL);
        if (status != PERFV_OK && status != PERFV_EBUFFER) check(status, "perfv_system_pmu_reason");
        printf("pmu_reason: %s\n", reason);
    }
    printf("clocksource: %s\n", clocksource);

    /* Counters: task-clock is a software event and works without a PMU;
     * instructions needs one, and PerfV says why it cannot count it. */
    perfv_eventset_t events;
    check(perfv_eventset_create(&events), "perfv_eventset_create");
    check(perfv_eventset_add(events, "perf::task-clock"), "perfv_eventset_add(perf::task-clock)");
    int status = perfv_eventset_add(events, "perf::instructions");
    if (status == PERFV_OK)
        printf("counting: perf::instructions\n");
    else
        printf("not_counted: perf::instructions: %s: %s\n", perfv_strerror(status), perfv_last_error_message());

    double *a = malloc(sizeof(double) * n * n);
    double *b = malloc(sizeof(double) * n * n);
    double *c = calloc((size_t)n * n, sizeof(double));
    if (!a || !b || !c) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    /* Small integers: every product and sum is exact, so the checksum does not
     * depend on the summation order. */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            a[(size_t)i * n + j] = (double)((i + 2 * j) % 7);
            b[(size_t)i * n + j] = (double)((3 * i + j) % 5);
        }

    perfv_region_t region;
    check(perfv_region_create("mmm", events, &region), "perfv_region_create");
    check(perfv_eventset_destroy(events), "perfv_eventset_destroy");  /* the region keeps its own counters */

    perfv_measurement_t m;
    check(perfv_region_begin(region), "perfv_region_begin");
    multiply(n, a, b, c);
    check(perfv_region_end(region, &m), "perfv_region_end");

    double checksum = 0;
    for (size_t k = 0; k < (size_t)n * n; k++) checksum += c[k];

    int64_t counters[8];
    int count = 0;
    check(perfv_region_counters(region, counters, 8, &count), "perfv_region_counters");

    printf("n: %d\n", n);
    printf("checksum: %.0f\n", checksum);
    printf("wall_ns: %lld\n", (long long)m.wall_ns);
    printf("adjusted_ns: %lld\n", (long long)m.adjusted_ns);
    printf("thread_cpu_ns: %lld\n", (long long)m.thread_cpu_ns);
    printf("process_cpu_ns: %lld\n", (long long)m.process_cpu_ns);
    printf("steal_ns: %lld\n", (long long)m.steal_ns);
    printf("run_delay_ns: %lld\n", (long long)m.run_delay_ns);
    if (count > 0) printf("task_clock_ns: %lld\n", (long long)counters[0]);
    printf("summary: mmm %dx%d raw %.3f ms, steal-adjusted %.3f ms\n",
           n, n, m.wall_ns / 1e6, m.adjusted_ns / 1e6);

    check(perfv_region_destroy(region), "perfv_region_destroy");
    check(perfv_shutdown(), "perfv_shutdown");
    free(a);
    free(b);
    free(c);
    return 0;
}
