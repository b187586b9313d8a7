/*
 * perfv.h — the C interface of libperfv, PerfV's virtualization-aware
 * performance measurement library.
 *
 * Link:  cc prog.c $(pkg-config --cflags --libs perfv)
 * Docs:  docs/c-api.md in the PerfV repository.
 *
 * Conventions
 *  - Every function returning `int` returns PERFV_OK (0) on success or a
 *    negative PERFV_E* code. perfv_strerror() names the code;
 *    perfv_last_error_message() gives the detail of the calling thread's last
 *    failure (for example the reason a counter component is disabled).
 *  - Call perfv_init(PERFV_VERSION) first. Everything except the timers,
 *    the version calls, perfv_strerror and perfv_last_error_message returns
 *    PERFV_ENOINIT before perfv_init and after perfv_shutdown.
 *  - Handles (perfv_region_t, perfv_eventset_t) are opaque tokens, never
 *    pointers to memory: a NULL, destroyed or foreign handle returns
 *    PERFV_EHANDLE, it is never dereferenced.
 *  - Strings come back through (buffer, capacity, length): `length` (may be
 *    NULL) receives the string's length without its NUL. When `capacity` is
 *    too small the call returns PERFV_EBUFFER, still sets `length`, and leaves
 *    a NUL-terminated prefix in `buffer` if capacity > 0. Pass buffer = NULL,
 *    capacity = 0 and a `length` pointer to ask for the length only (PERFV_OK).
 *  - Counter values come back through (values, capacity): capacity is the
 *    number of int64_t the array holds.
 *  - Region begin/end, event set reads and the timers allocate nothing, open
 *    no file and take no lock. Named regions allocate and open files only when
 *    a thread's tables grow (a new name, a deeper level), and take no lock shared
 *    between threads.
 */
#ifndef PERFV_H
#define PERFV_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- version ------------------------------------------------------------ */

#define PERFV_VERSION_MAJOR 1
#define PERFV_VERSION_MINOR 0
#define PERFV_VERSION_PATCH 0
/** Packs a version as 0x00MMmmpp. */
#define PERFV_VERSION_NUMBER(major, minor, patch) (((major) << 16) | ((minor) << 8) | (patch))
/** The version of this header; pass it to perfv_init. */
#define PERFV_VERSION PERFV_VERSION_NUMBER(PERFV_VERSION_MAJOR, PERFV_VERSION_MINOR, PERFV_VERSION_PATCH)

/* ---- status codes ------------------------------------------------------- */

#define PERFV_OK 0
/** An argument is invalid: a NULL out-pointer, an empty name, an index out of range. */
#define PERFV_EINVAL (-1)
/** perfv_init: the header's major version differs from the library's, or the header is newer. */
#define PERFV_EVERSION (-2)
/** perfv_init has not been called, or perfv_shutdown has. */
#define PERFV_ENOINIT (-3)
/** The handle is NULL, destroyed, from before a shutdown, or of the wrong kind. */
#define PERFV_EHANDLE (-4)
/** The buffer is too small; the required size was reported. */
#define PERFV_EBUFFER (-5)
/** No component offers an event of this name, or the name is malformed. */
#define PERFV_ENOEVENT (-6)
/** The event's component is disabled, or it cannot count the event on this machine. */
#define PERFV_EDISABLED (-7)
/** Out of order: end without begin, begin twice, start while running, read before start, add while running. */
#define PERFV_ESTATE (-8)
/** A region was begun or ended on a thread other than the one that created it. */
#define PERFV_ETHREAD (-9)
/** The handle is in use by another thread right now (destroy, or a concurrent call on one event set). */
#define PERFV_EBUSY (-10)
/** No free handle: too many live regions or event sets. */
#define PERFV_ENOMEM (-11)
/** The kernel refused (perf_event_paranoid, capabilities). */
#define PERFV_EPERM (-12)
/** A system call failed, or a kernel file could not be parsed. */
#define PERFV_ESYS (-13)
/** The PAPI library reported an error. */
#define PERFV_EPAPI (-14)
/** Any other failure; perfv_last_error_message says what. */
#define PERFV_EOTHER (-15)

/* ---- library ------------------------------------------------------------ */

/**
 * Initializes the library; call it as perfv_init(PERFV_VERSION), like
 * PAPI_library_init(PAPI_VER_CURRENT). Compatible when the majors are equal
 * and the library's minor is at least the header's; otherwise PERFV_EVERSION.
 * Takes the system snapshot the perfv_system_* calls report. Calling it again
 * while initialized is harmless.
 */
int perfv_init(int header_version);
/**
 * Destroys every live region and event set and returns to the uninitialized
 * state. A handle that another thread is using at that moment is left to that
 * call, and shutdown returns PERFV_EBUSY (it still shuts down). A create
 * call running on another thread meanwhile returns PERFV_ENOINIT and creates
 * nothing, even if perfv_init runs again before it ends.
 */
int perfv_shutdown(void);
/** 1 between perfv_init and perfv_shutdown, else 0. */
int perfv_is_initialized(void);
/** The library's PERFV_VERSION. */
int perfv_library_version(void);
/** The library's version as "major.minor.patch" (static storage). */
const char *perfv_version_string(void);
/** The name of a status code, e.g. "PERFV_EHANDLE: invalid handle" (static storage). */
const char *perfv_strerror(int status);
/**
 * The detail text of the calling thread's last failed call ("" if none),
 * valid until that thread's next failing perfv call.
 */
const char *perfv_last_error_message(void);

/* ---- system information ------------------------------------------------- */

/** *present = 1 when this process runs under a hypervisor (CPUID.1:ECX[31]). */
int perfv_system_hypervisor_present(int *present);
/** The hypervisor's CPUID signature, e.g. "KVMKVMKVM"; "" on bare metal. */
int perfv_system_hypervisor_vendor(char *buffer, size_t capacity, size_t *length);
/** *available = 1 when hardware performance counters (a PMU) can be used. */
int perfv_system_pmu_available(int *available);
/** Why there is no usable PMU; "" when there is one. */
int perfv_system_pmu_reason(char *buffer, size_t capacity, size_t *length);
/** The kernel's current clocksource, e.g. "tsc" or "kvm-clock". */
int perfv_system_clocksource(char *buffer, size_t capacity, size_t *length);
/** How KVM runs this machine's guests, or "" when /dev/kvm is absent. */
int perfv_system_kvm_flavor(char *buffer, size_t capacity, size_t *length);

/* ---- timers (PAPI_get_* equivalents; no perfv_init needed) --------------- */

/** CLOCK_MONOTONIC in ns through the vDSO (PAPI_get_real_nsec uses CLOCK_REALTIME). */
long long perfv_get_real_nsec(void);
/** perfv_get_real_nsec() / 1000. */
long long perfv_get_real_usec(void);
/** The time stamp counter (RDTSC). */
long long perfv_get_real_cyc(void);
/** The calling thread's CPU time in ns (CLOCK_THREAD_CPUTIME_ID). */
long long perfv_get_virt_nsec(void);
/** perfv_get_virt_nsec() / 1000. */
long long perfv_get_virt_usec(void);

/* ---- counter components ------------------------------------------------- */

/** The number of components, enabled or not. */
int perfv_component_count(int *count);
/** The name of component `index` (0 ≤ index < count), e.g. "perf". */
int perfv_component_name(int index, char *buffer, size_t capacity, size_t *length);
/** *enabled = 1 when component `index` can count on this machine. */
int perfv_component_enabled(int index, int *enabled);
/** Why component `index` is disabled; "" when it is enabled. */
int perfv_component_disabled_reason(int index, char *buffer, size_t capacity, size_t *length);

/* ---- event sets ---------------------------------------------------------- */

/** An opaque event set handle. */
typedef struct perfv_eventset *perfv_eventset_t;

/** Creates an empty event set. */
int perfv_eventset_create(perfv_eventset_t *eventset);
/**
 * Adds an event by name ("component::event" or "event"). Unknown names give
 * PERFV_ENOEVENT, events of a disabled component PERFV_EDISABLED (the
 * component's reason is in perfv_last_error_message). perf_event and steal
 * events count the thread that made the last successful add, PAPI events the
 * thread that starts the set: use one event set per thread, from that thread.
 */
int perfv_eventset_add(perfv_eventset_t eventset, const char *event);
/** The number of events added. */
int perfv_eventset_count(perfv_eventset_t eventset, int *count);
/** The qualified name ("component::event") of event `index`. */
int perfv_eventset_event_name(perfv_eventset_t eventset, int index, char *buffer, size_t capacity, size_t *length);
/** Zeroes the counts and starts counting. */
int perfv_eventset_start(perfv_eventset_t eventset);
/** Writes the counts since start into values[0..count); capacity < count gives PERFV_EBUFFER. */
int perfv_eventset_read(perfv_eventset_t eventset, int64_t *values, int capacity);
/**
 * Stops counting; when `values` is not NULL, writes the final counts as
 * perfv_eventset_read does. The array is checked before the set stops:
 * capacity < count gives PERFV_EBUFFER and leaves the set running.
 */
int perfv_eventset_stop(perfv_eventset_t eventset, int64_t *values, int capacity);
/** Zeroes the counts, running or stopped. */
int perfv_eventset_reset(perfv_eventset_t eventset);
/** Releases the event set; a region created with it keeps its own reference. */
int perfv_eventset_destroy(perfv_eventset_t eventset);

/* ---- regions -------------------------------------------------------------- */

/** An opaque region handle. */
typedef struct perfv_region *perfv_region_t;

/**
 * What one begin/end of a region measured; every time is a delta over the
 * region in nanoseconds.
 */
typedef struct perfv_measurement {
    /** Elapsed CLOCK_MONOTONIC time: the raw wall time. */
    int64_t wall_ns;
    /** CPU time of the region's thread (CLOCK_THREAD_CPUTIME_ID). */
    int64_t thread_cpu_ns;
    /** CPU time of all threads of the process (CLOCK_PROCESS_CPUTIME_ID). */
    int64_t process_cpu_ns;
    /** /proc/stat steal on the CPUs the thread ran on at begin and end: the
     *  hypervisor ran something else (USER_HZ-grained, 10 ms here; from samples
     *  at most 1 ms old, so a loop reads /proc/stat at most once per ms). Always
     *  in [0, wall_ns]: an impossible value is clamped and steal_clamp says so. */
    int64_t steal_ns;
    /** Time the thread was runnable but not running (schedstat run_delay). */
    int64_t run_delay_ns;
    /** The steal-adjusted wall time: wall − run delay − steal, clamped to
     *  [thread_cpu_ns, wall_ns]. */
    int64_t adjusted_ns;
    /** The number of values perfv_region_counters returns for this end. */
    int32_t counter_count;
    /** The CPU the thread ran on at begin and at end (sched_getcpu). */
    int32_t cpu_at_begin;
    int32_t cpu_at_end;
    /** 0 when steal_ns is as measured; otherwise a PERFV_STEAL_* value saying
     *  why it was clamped. */
    int32_t steal_clamp;
} perfv_measurement_t;

/** steal_clamp: the steal counter went backwards (a bad /proc/stat, a migration
 *  to another host, a reset); steal_ns is 0. */
#define PERFV_STEAL_WENT_BACKWARDS 1
/** steal_clamp: more steal than wall time (a suspend/resume, a counter jump);
 *  steal_ns is wall_ns. */
#define PERFV_STEAL_EXCEEDED_WALL 2

/**
 * Creates a region that measures the calling thread; begin and end must run on
 * this thread (PERFV_ETHREAD otherwise), so multithreaded codes create one
 * region per thread. `eventset` may be NULL; otherwise the region counts the
 * events the set holds now, on this thread, with its own counters (the event
 * set handle stays independent and may be destroyed). Opens the files
 * begin/end read, so begin/end themselves open nothing.
 */
int perfv_region_create(const char *name, perfv_eventset_t eventset, perfv_region_t *region);
/** perfv_region_create_with flags: skip the run-delay and steal reads at an end
 *  where the thread was off CPU (wall − thread CPU) for at most 10 µs. Then
 *  run_delay_ns and steal_ns are 0 and adjusted_ns is wall_ns, at most 10 µs
 *  above the formula's value; perfv_region_skipped_reads says which ends did. */
#define PERFV_REGION_SKIP_IDLE_READS 1
/** perfv_region_create_with flags: do not read CLOCK_PROCESS_CPUTIME_ID;
 *  process_cpu_ns is 0. */
#define PERFV_REGION_NO_PROCESS_CPU 2
/** A region for a hot loop: both flags (docs/c-api.md, "Regions in loops"). */
#define PERFV_REGION_FAST (PERFV_REGION_SKIP_IDLE_READS | PERFV_REGION_NO_PROCESS_CPU)
/**
 * perfv_region_create with `flags` (0 is perfv_region_create: every field read
 * at every end). PERFV_EINVAL for an unknown flag.
 */
int perfv_region_create_with(const char *name, perfv_eventset_t eventset, int flags, perfv_region_t *region);
/** perfv_region_skipped_reads bits: run_delay_ns and steal_ns were not read. */
#define PERFV_SKIPPED_RUN_DELAY_AND_STEAL 1
/** perfv_region_skipped_reads bits: process_cpu_ns was not read. */
#define PERFV_SKIPPED_PROCESS_CPU 2
/**
 * Which readings the last end skipped (PERFV_SKIPPED_* bits; 0 when every field
 * was measured). PERFV_ESTATE before the first end.
 */
int perfv_region_skipped_reads(perfv_region_t region, int *skipped);
/** Starts a measurement; PERFV_ESTATE if already begun. */
int perfv_region_begin(perfv_region_t region);
/**
 * Ends the measurement and writes it to *measurement. PERFV_ESTATE without a
 * begin, PERFV_ETHREAD on a thread other than the region's.
 */
int perfv_region_end(perfv_region_t region, perfv_measurement_t *measurement);
/**
 * The counter values of the last end, in the event set's order. *count (may be
 * NULL) receives their number; PERFV_EBUFFER when capacity is smaller,
 * PERFV_ESTATE before the first end.
 */
int perfv_region_counters(perfv_region_t region, int64_t *values, int capacity, int *count);
/** The region's name as given to perfv_region_create. */
int perfv_region_name(perfv_region_t region, char *buffer, size_t capacity, size_t *length);
/** Releases the region, begun or not. */
int perfv_region_destroy(perfv_region_t region);

/* ---- team regions (fork-join: OpenMP parallel regions, thread pools) ------ */

/** An opaque team-region handle. */
typedef struct perfv_team_region *perfv_team_region_t;

/**
 * What one begin/end of a team region measured (docs/steal-adjustment.md,
 * "Fork-join regions"). Times are deltas in nanoseconds.
 */
typedef struct perfv_team_measurement {
    /** Elapsed CLOCK_MONOTONIC time on the thread that called begin/end. */
    int64_t wall_ns;
    /** The wall time less the waiting (run delay, steal) imposed on the team's
     *  critical thread, clamped to [its CPU time, wall_ns]. */
    int64_t adjusted_ns;
    /** Threads of the process seen at end, excluded ones left out. */
    int32_t thread_count;
    /** The Linux thread id of the critical thread; -1 when there is none. */
    int32_t critical_thread_id;
} perfv_team_measurement_t;

/** What one thread of the team did over the region; times in nanoseconds. */
typedef struct perfv_team_thread {
    /** The Linux thread id (gettid). */
    int32_t thread_id;
    /** 1 when the thread started inside the region, so it counts from 0. */
    int32_t started_in_region;
    /** On-CPU time (schedstat). */
    int64_t cpu_ns;
    /** Runnable but not running (schedstat run delay; includes throttling). */
    int64_t run_delay_ns;
    /** /proc/stat steal on the CPUs the thread was seen on, in [0, wall_ns]. */
    int64_t steal_ns;
} perfv_team_thread_t;

/**
 * Creates a team region: it times the calling thread's wall clock and takes out
 * the waiting imposed on the team's critical thread, where the team is every
 * thread of the process except the `excluded_count` Linux thread ids in
 * `excluded` (may be NULL when the count is 0): exclude busy threads that are
 * not part of the team. Begin and end read two files per thread (~0.1 ms per
 * thread): time a parallel region, not an iteration of it. Begin and end must
 * run on the creating thread, outside the parallel region.
 */
int perfv_team_region_create(const int32_t *excluded, int excluded_count, perfv_team_region_t *region);
/** Samples every team thread and starts the wall clock; PERFV_ESTATE if begun. */
int perfv_team_region_begin(perfv_team_region_t region);
/** Stops the clock, samples the team again and writes *measurement. */
int perfv_team_region_end(perfv_team_region_t region, perfv_team_measurement_t *measurement);
/**
 * The threads of the last end. *count (may be NULL) receives their number;
 * PERFV_EBUFFER when capacity is smaller, PERFV_ESTATE before the first end.
 */
int perfv_team_region_threads(perfv_team_region_t region, perfv_team_thread_t *threads, int capacity, int *count);
/** Releases the team region, begun or not. */
int perfv_team_region_destroy(perfv_team_region_t region);

/* ---- named regions (PAPI-HL and LIKWID style) ------------------------------ */

/** The longest region name perfv_region_begin_named takes, in bytes. */
#define PERFV_NAME_MAX 255

/**
 * perfv_init, and the named regions read their events and output directory
 * from these environment variables instead of PERFV_EVENTS and
 * PERFV_OUTPUT_DIRECTORY (NULL keeps the default). The names take effect only
 * before the process's first named region: later, PERFV_ESTATE (the library is
 * initialized all the same). perfv_papi_hl.h passes PAPI_EVENTS and
 * PAPI_OUTPUT_DIRECTORY.
 */
int perfv_init_named(int header_version, const char *events_variable, const char *output_directory_variable);
/**
 * Opens region `name` on the calling thread, nested in the thread's innermost
 * open region. No handle: the name is the region, per thread; a name under
 * another parent is another region. Measures like perfv_region_begin, with the
 * counters of PERFV_EVENTS (comma-separated event names; invalid ones are named
 * on stderr once and left out). PERFV_EINVAL for a NULL or empty name or one
 * longer than PERFV_NAME_MAX; PERFV_ESTATE beyond 64 open regions.
 */
int perfv_region_begin_named(const char *name);
/**
 * Closes region `name` and records the call. PERFV_ESTATE when no region is
 * open on this thread or `name` is not the innermost open one (nothing is
 * closed then).
 */
int perfv_region_end_named(const char *name);
/**
 * Writes every thread's completed named-region calls so far to
 * $PERFV_OUTPUT_DIRECTORY/perfv_<run>/rank_<NNNNNN>.json (default: the
 * current directory; <run> is shared by the ranks of a run: the Slurm job and
 * step, else the PMIx namespace, else the local time; the rank from
 * OMPI_COMM_WORLD_RANK, PMI_RANK or SLURM_PROCID, else 0); docs/c-api.md
 * describes the file. perfv_init makes the
 * process do this at exit too. Writes nothing when no named region was used.
 * PERFV_ESYS when the directory or file cannot be written.
 */
int perfv_flush(void);

#ifdef __cplusplus
}
#endif

#endif /* PERFV_H */
