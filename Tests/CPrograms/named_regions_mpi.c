/*
 * Named regions in an MPI program: each rank runs ITERATIONS "iteration"
 * regions, each holding one "allreduce" region around MPI_Allreduce. Every
 * rank writes its own rank_<NNNNNN>.json (the rank from OMPI_COMM_WORLD_RANK)
 * at exit into $PERFV_OUTPUT_DIRECTORY.
 *
 * Rank 0 prints "ok" at the end; exits non-zero on a wrong status.
 */
#include <mpi.h>
#include <perfv.h>
#include <stdio.h>
#include <stdlib.h>

enum { ITERATIONS = 4 };

static void expect(const char *what, int status) {
    if (status == PERFV_OK) return;
    fprintf(stderr, "%s: %s: %s\n", what, perfv_strerror(status), perfv_last_error_message());
    exit(1);
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    expect("perfv_init", perfv_init(PERFV_VERSION));
    double value = rank + 1, sum = 0;
    for (int i = 0; i < ITERATIONS; i++) {
        expect("begin iteration", perfv_region_begin_named("iteration"));
        expect("begin allreduce", perfv_region_begin_named("allreduce"));
        MPI_Allreduce(&value, &sum, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
        expect("end allreduce", perfv_region_end_named("allreduce"));
        expect("end iteration", perfv_region_end_named("iteration"));
    }
    MPI_Finalize();
    if (rank == 0) printf("sum %g\nok\n", sum);
    return 0;
}
