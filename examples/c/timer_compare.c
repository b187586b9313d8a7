/*
 * Compares PAPI's timers with their PerfV equivalents on this machine: the
 * cost of one call (best of 7 runs of 100000 calls) and what each returns.
 *
 * Build (after scripts/install-libperfv; needs libpapi-dev):
 *   cc -O2 timer_compare.c $(pkg-config --cflags --libs perfv papi) -o timer_compare
 *
 * Output: one line per timer, "name: <ns per call> ns", then the two real-time
 * values, showing PAPI's epoch-based CLOCK_REALTIME against PerfV's
 * boot-based CLOCK_MONOTONIC.
 */
#include <papi.h>
#include <perfv.h>
#include <stdio.h>
#include <time.h>

enum { CALLS = 100000, RUNS = 7 };

static long long monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000000000LL + now.tv_nsec;
}

/* The best per-call cost of `timer` over RUNS runs of CALLS calls. */
static double cost_ns(long long (*timer)(void)) {
    volatile long long sink = 0;
    long long best = -1;
    for (int run = 0; run < RUNS; run++) {
        long long start = monotonic_ns();
        for (int i = 0; i < CALLS; i++) sink += timer();
        long long elapsed = monotonic_ns() - start;
        if (best < 0 || elapsed < best) best = elapsed;
    }
    (void)sink;
    return (double)best / CALLS;
}

int main(void) {
    if (PAPI_library_init(PAPI_VER_CURRENT) != PAPI_VER_CURRENT) {
        fprintf(stderr, "PAPI_library_init failed\n");
        return 1;
    }
    int status = perfv_init(PERFV_VERSION);
    if (status != PERFV_OK) {
        fprintf(stderr, "perfv_init: %s (%s)\n", perfv_strerror(status), perfv_last_error_message());
        return 1;
    }
    const struct { const char *name; long long (*timer)(void); } timers[] = {
        {"PAPI_get_real_nsec", PAPI_get_real_nsec}, {"perfv_get_real_nsec", perfv_get_real_nsec},
        {"PAPI_get_real_usec", PAPI_get_real_usec}, {"perfv_get_real_usec", perfv_get_real_usec},
        {"PAPI_get_real_cyc", PAPI_get_real_cyc},   {"perfv_get_real_cyc", perfv_get_real_cyc},
        {"PAPI_get_virt_nsec", PAPI_get_virt_nsec}, {"perfv_get_virt_nsec", perfv_get_virt_nsec},
        {"PAPI_get_virt_usec", PAPI_get_virt_usec}, {"perfv_get_virt_usec", perfv_get_virt_usec},
    };
    for (size_t i = 0; i < sizeof timers / sizeof timers[0]; i++)
        printf("%s: %.1f ns\n", timers[i].name, cost_ns(timers[i].timer));
    printf("PAPI_get_real_nsec_value: %lld\n", PAPI_get_real_nsec());
    printf("perfv_get_real_nsec_value: %lld\n", perfv_get_real_nsec());
    perfv_shutdown();
    PAPI_shutdown();
    return 0;
}
