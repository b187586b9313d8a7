/* The baseline of PerfV's steal-read benchmark: how PAPI's stealtime
 * component reads steal, i.e. open /proc/stat with stdio, scan its cpu lines
 * with fgets + sscanf, close it, on every read. */
#ifndef PERFV_PROC_STAT_STEAL_H
#define PERFV_PROC_STAT_STEAL_H
#include <stdint.h>

/* Steal of CPU `cpu` since boot in USER_HZ ticks (the 8th value of the
 * "cpuN" line), read with fopen/fgets/sscanf/fclose. Returns 0, or -1 when
 * /proc/stat cannot be opened or has no such line (errno set: ENOENT for a
 * missing line). */
int perfv_proc_stat_steal_ticks(int cpu, int64_t *ticks);

#endif
