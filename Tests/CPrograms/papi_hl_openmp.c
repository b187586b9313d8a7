/*
 * A C + OpenMP code instrumented with PAPI's high-level API, unchanged but for
 * its include line: built as it is against libpapi, and against PerfV with
 * <papi.h> replaced by <perfv_papi_hl.h> and -lpapi by -lperfv.
 *
 * 4 threads each run CALLS "compute" regions holding one "reduce" region.
 * Prints "ok" at the end; exits non-zero when a call fails.
 */
#include <papi.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS = 4, CALLS = 6 };

static void check(const char *what, int retval) {
    if (retval == PAPI_OK) return;
    fprintf(stderr, "%s failed: %d\n", what, retval);
    exit(1);
}

static double work(int seed) {
    volatile double sum = 0;
    for (int i = 0; i < 50000; i++) sum += (double)(i % (seed + 3));
    return sum;
}

int main(void) {
    double total = 0;
#pragma omp parallel num_threads(THREADS) reduction(+ : total)
    {
        for (int call = 0; call < CALLS; call++) {
            check("PAPI_hl_region_begin(compute)", PAPI_hl_region_begin("compute"));
            total += work(omp_get_thread_num());
            check("PAPI_hl_read(compute)", PAPI_hl_read("compute"));
            check("PAPI_hl_region_begin(reduce)", PAPI_hl_region_begin("reduce"));
            total += work(call);
            check("PAPI_hl_region_end(reduce)", PAPI_hl_region_end("reduce"));
            check("PAPI_hl_region_end(compute)", PAPI_hl_region_end("compute"));
        }
    }
    check("PAPI_hl_stop", PAPI_hl_stop());
    printf("total %g\nok\n", total);
    return 0;
}
