/*
 * A C + OpenMP code instrumented with LIKWID's marker API, unchanged but for
 * its include line: <likwid-marker.h> becomes <perfv_likwid.h> and -llikwid
 * becomes -lperfv; -DLIKWID_PERFMON switches the markers on, as with LIKWID.
 *
 * 4 threads each run CALLS "update" regions holding one "copy" region.
 * Prints "ok" at the end.
 */
#include <likwid-marker.h>
#include <omp.h>
#include <stdio.h>

enum { THREADS = 4, CALLS = 5, N = 20000 };

int main(void) {
    static double a[THREADS][N], b[THREADS][N];
    LIKWID_MARKER_INIT;
#pragma omp parallel num_threads(THREADS)
    {
        LIKWID_MARKER_THREADINIT;
        LIKWID_MARKER_REGISTER("update");
        LIKWID_MARKER_REGISTER("copy");
    }
#pragma omp parallel num_threads(THREADS)
    {
        int me = omp_get_thread_num();
        for (int call = 0; call < CALLS; call++) {
            LIKWID_MARKER_START("update");
            for (int i = 0; i < N; i++) a[me][i] = a[me][i] * 0.5 + i;
            LIKWID_MARKER_START("copy");
            for (int i = 0; i < N; i++) b[me][i] = a[me][i];
            LIKWID_MARKER_STOP("copy");
            LIKWID_MARKER_STOP("update");
        }
    }
    LIKWID_MARKER_CLOSE;
    printf("b %g\nok\n", b[THREADS - 1][N - 1]);
    return 0;
}
