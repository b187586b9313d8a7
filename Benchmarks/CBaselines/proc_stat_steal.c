#include "perfv_proc_stat_steal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

int perfv_proc_stat_steal_ticks(int cpu, int64_t *ticks) {
    FILE *file = fopen("/proc/stat", "r");
    if (!file) return -1;
    char line[512];
    int found = 0;
    while (fgets(line, sizeof line, file)) {
        int number;
        int64_t user, nice, system, idle, iowait, irq, softirq, steal;
        if (sscanf(line, "cpu%d %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64
                         " %" SCNd64,
                   &number, &user, &nice, &system, &idle, &iowait, &irq, &softirq, &steal) == 9 &&
            number == cpu) {
            *ticks = steal;
            found = 1;
            break;
        }
    }
    fclose(file);
    if (!found) {
        errno = ENOENT;
        return -1;
    }
    return 0;
}
