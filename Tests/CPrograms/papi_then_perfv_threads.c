/*
 * A scientific code that already uses PAPI, then PerfV on other threads:
 * PAPI_library_init on the main thread, then perfv_init, component listing,
 * papi:: event sets and regions on OpenMP workers and on short-lived pthreads.
 * PAPI keeps a per-thread record that is NULL on threads it has not
 * registered; a library that calls PAPI there crashes inside libpapi.
 *
 * Prints one line per phase and "ok" at the end; exits non-zero on a wrong
 * status code. Run it under each LIBPFM_FORCE_PMU state.
 */
#include <omp.h>
#include <papi.h>
#include <perfv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { SHORT_LIVED_THREADS = 200 };

static int fail(const char *what, int status) {
    fprintf(stderr, "%s: %d (%s) %s\n", what, status, perfv_strerror(status), perfv_last_error_message());
    exit(1);
}

/* What every worker does: init, list the components, try a PAPI preset, time a region. */
static void use_perfv(void) {
    int status = perfv_init(PERFV_VERSION);
    if (status != PERFV_OK) fail("perfv_init", status);

    int count = 0;
    if ((status = perfv_component_count(&count)) != PERFV_OK) fail("perfv_component_count", status);

    perfv_eventset_t eventset;
    if ((status = perfv_eventset_create(&eventset)) != PERFV_OK) fail("perfv_eventset_create", status);
    /* Counting or a typed refusal are both right; a crash is not. */
    status = perfv_eventset_add(eventset, "papi::PAPI_TOT_INS");
    if (status == PERFV_OK) {
        if ((status = perfv_eventset_start(eventset)) != PERFV_OK) fail("perfv_eventset_start", status);
        int64_t value = 0;
        if ((status = perfv_eventset_stop(eventset, &value, 1)) != PERFV_OK) fail("perfv_eventset_stop", status);
    }
    if ((status = perfv_eventset_destroy(eventset)) != PERFV_OK) fail("perfv_eventset_destroy", status);

    perfv_region_t region;
    if ((status = perfv_region_create("worker", NULL, &region)) != PERFV_OK) fail("perfv_region_create", status);
    if ((status = perfv_region_begin(region)) != PERFV_OK) fail("perfv_region_begin", status);
    perfv_measurement_t measurement;
    if ((status = perfv_region_end(region, &measurement)) != PERFV_OK) fail("perfv_region_end", status);
    if ((status = perfv_region_destroy(region)) != PERFV_OK) fail("perfv_region_destroy", status);
}

static void *short_lived(void *unused) {
    (void)unused;
    use_perfv();
    return NULL;
}

int main(void) {
    int version = PAPI_library_init(PAPI_VER_CURRENT);
    if (version != PAPI_VER_CURRENT) {
        fprintf(stderr, "PAPI_library_init: %d\n", version);
        return 2;
    }

#pragma omp parallel num_threads(4)
    use_perfv();
    printf("openmp workers: ok\n");

    for (int i = 0; i < SHORT_LIVED_THREADS; i++) {
        pthread_t thread;
        if (pthread_create(&thread, NULL, short_lived, NULL) != 0) return 3;
        pthread_join(thread, NULL);
    }
    printf("short-lived threads: ok\n");

    /* Threads PerfV registered with PAPI are unregistered when they exit. */
    int registered = 0;
    if (PAPI_list_threads(NULL, &registered) != PAPI_OK) return 4;
    printf("threads still registered with PAPI: %d\n", registered);
    printf("ok\n");
    return 0;
}
