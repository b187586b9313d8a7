/* A team region around OpenMP parallel loops, from C: 4 threads share a
 * CPU-bound loop; the master times it with perfv_team_region_* and prints what
 * the team measured, one "key: value" per line, for CAPITeamRegionTests. */
#include <perfv.h>
#include <omp.h>
#include <stdio.h>
#include <math.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 4

static int check(const char *what, int status) {
    if (status != PERFV_OK) {
        fprintf(stderr, "%s: %s: %s\n", what, perfv_strerror(status), perfv_last_error_message());
        return 0;
    }
    return 1;
}

int main(void) {
    if (!check("init", perfv_init(PERFV_VERSION))) return 1;
    omp_set_num_threads(THREADS);
    int team_ids[THREADS] = {0};
    /* Start the pool first, so its threads exist at begin and count from there. */
    #pragma omp parallel
    team_ids[omp_get_thread_num()] = (int)syscall(SYS_gettid);

    perfv_team_region_t team;
    if (!check("create", perfv_team_region_create(NULL, 0, &team))) return 1;
    if (!check("begin", perfv_team_region_begin(team))) return 1;
    double sums[THREADS] = {0};
    #pragma omp parallel for schedule(static)
    for (long i = 0; i < 40000000L; i++) sums[omp_get_thread_num()] += sqrt((double)i);
    perfv_team_measurement_t m;
    if (!check("end", perfv_team_region_end(team, &m))) return 1;

    int count = 0;
    printf("threads_short: %d\n", perfv_team_region_threads(team, NULL, 0, &count));
    printf("thread_count: %d\n", m.thread_count);
    printf("count: %d\n", count);
    perfv_team_thread_t threads[64];
    if (count > 64 || !check("threads", perfv_team_region_threads(team, threads, 64, &count))) return 1;
    printf("wall_ns: %lld\nadjusted_ns: %lld\ncritical: %d\n", (long long)m.wall_ns, (long long)m.adjusted_ns,
           m.critical_thread_id);
    for (int t = 0; t < THREADS; t++) {
        long long cpu = -1;
        for (int k = 0; k < count; k++) if (threads[k].thread_id == team_ids[t]) cpu = threads[k].cpu_ns;
        printf("team_cpu_%d: %lld\n", t, cpu);
    }
    int critical_listed = 0;
    for (int k = 0; k < count; k++) critical_listed |= threads[k].thread_id == m.critical_thread_id;
    printf("critical_listed: %d\n", critical_listed);
    printf("begin_after_end: %d\n", perfv_team_region_begin(team));
    printf("begin_twice: %d\n", perfv_team_region_begin(team));
    printf("end_null: %d\n", perfv_team_region_end(team, NULL));
    printf("end_again: %d\n", perfv_team_region_end(team, &m));
    int end_from_worker = 0;
    #pragma omp parallel num_threads(2)
    if (omp_get_thread_num() == 1) end_from_worker = perfv_team_region_end(team, &m);
    printf("end_from_worker: %d\n", end_from_worker);
    printf("destroy: %d\n", perfv_team_region_destroy(team));
    printf("destroy_again: %d\n", perfv_team_region_destroy(team));
    printf("negative_count: %d\n", perfv_team_region_create(NULL, -1, &team));
    printf("null_excluded: %d\n", perfv_team_region_create(NULL, 2, &team));
    double total = 0;
    for (int t = 0; t < THREADS; t++) total += sums[t];
    printf("checksum: %.3e\n", total);
    return perfv_shutdown() == PERFV_OK ? 0 : 1;
}
