/*
 * Named regions on 4 OpenMP threads, nested two deep: each thread runs
 * OUTER_CALLS "step" regions, each holding INNER_CALLS "kernel" regions; the
 * main thread wraps everything in "solve". Before the parallel part, the misuse
 * cases must return their status codes. The rank file is written at exit
 * (perfv_init's handler) into $PERFV_OUTPUT_DIRECTORY.
 *
 * Prints "ok" at the end; exits non-zero on a wrong status code.
 */
#include <omp.h>
#include <perfv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { THREADS = 4, OUTER_CALLS = 3, INNER_CALLS = 5 };

static void expect(const char *what, int status, int expected) {
    if (status == expected) return;
    fprintf(stderr, "%s: %d (%s), expected %d: %s\n", what, status, perfv_strerror(status), expected,
            perfv_last_error_message());
    exit(1);
}

/* Work the compiler cannot drop: a few hundred microseconds of arithmetic. */
static double work(int seed) {
    volatile double sum = 0;
    for (int i = 0; i < 100000; i++) sum += (double)(i ^ seed) * 0.5;
    return sum;
}

int main(void) {
    expect("begin before init", perfv_region_begin_named("solve"), PERFV_ENOINIT);
    expect("perfv_init", perfv_init(PERFV_VERSION), PERFV_OK);

    expect("end without begin", perfv_region_end_named("solve"), PERFV_ESTATE);
    expect("NULL name", perfv_region_begin_named(NULL), PERFV_EINVAL);
    expect("empty name", perfv_region_begin_named(""), PERFV_EINVAL);
    char too_long[PERFV_NAME_MAX + 2];
    memset(too_long, 'x', sizeof too_long - 1);
    too_long[sizeof too_long - 1] = '\0';
    expect("too long name", perfv_region_begin_named(too_long), PERFV_EINVAL);

    expect("begin solve", perfv_region_begin_named("solve"), PERFV_OK);
    expect("begin setup", perfv_region_begin_named("setup"), PERFV_OK);
    expect("mismatched end", perfv_region_end_named("solve"), PERFV_ESTATE);
    expect("end setup", perfv_region_end_named("setup"), PERFV_OK);

    double total = 0;
#pragma omp parallel num_threads(THREADS) reduction(+ : total)
    {
        for (int outer = 0; outer < OUTER_CALLS; outer++) {
            expect("begin step", perfv_region_begin_named("step"), PERFV_OK);
            for (int inner = 0; inner < INNER_CALLS; inner++) {
                expect("begin kernel", perfv_region_begin_named("kernel"), PERFV_OK);
                total += work(omp_get_thread_num() + inner);
                expect("end kernel", perfv_region_end_named("kernel"), PERFV_OK);
            }
            expect("end step", perfv_region_end_named("step"), PERFV_OK);
        }
    }
    expect("end solve", perfv_region_end_named("solve"), PERFV_OK);
    printf("sum %g\nok\n", total);
    return 0;
}
