/*
 * perfv_papi_hl.h — PAPI's high-level API (PAPI_hl_*) on PerfV's named regions.
 *
 * A program instrumented for PAPI-HL switches to PerfV by including this header
 * instead of <papi.h> and linking -lperfv instead of -lpapi:
 *
 *     cc prog.c $(pkg-config --cflags --libs perfv)
 *
 * The calls are macros over static inline functions (libperfv links libpapi, so
 * it cannot export PAPI_hl_* itself). The first call initializes libperfv;
 * events come from PAPI_EVENTS and the output goes to
 * $PAPI_OUTPUT_DIRECTORY/perfv_<run>/rank_<NNNNNN>.json (PAPI-HL's layout plus
 * PerfV's fields). docs/c-api.md has the mapping table.
 */
#ifndef PERFV_PAPI_HL_H
#define PERFV_PAPI_HL_H

#include "perfv.h"

#ifndef PAPI_OK
/* PAPI's codes for what the calls can return; papi.h's values. */
#define PAPI_OK 0
#define PAPI_EINVAL (-1)
#define PAPI_ESYS (-3)
#define PAPI_EMISC (-5)
#define PAPI_ENOTRUN (-9)
#endif

/** The PAPI code closest to a PerfV status. */
static inline int perfv_papi_hl_status(int status)
{
    switch (status) {
    case PERFV_OK: return PAPI_OK;
    case PERFV_EINVAL: return PAPI_EINVAL;
    case PERFV_ESTATE: return PAPI_ENOTRUN;
    case PERFV_ESYS: return PAPI_ESYS;
    default: return PAPI_EMISC;
    }
}

/** Initializes libperfv on first use, reading PAPI's variables; cheap once done. */
static inline int perfv_papi_hl_initialize(void)
{
    if (perfv_is_initialized())
        return PERFV_OK;
    int status = perfv_init_named(PERFV_VERSION, "PAPI_EVENTS", "PAPI_OUTPUT_DIRECTORY");
    /* PERFV_ESTATE: a named region began earlier, so the variables were read already. */
    return status == PERFV_ESTATE ? PERFV_OK : status;
}

static inline int perfv_papi_hl_region_begin(const char *region)
{
    int status = perfv_papi_hl_initialize();
    return perfv_papi_hl_status(status == PERFV_OK ? perfv_region_begin_named(region) : status);
}

/** PerfV records a region at its end only: an intermediate read records nothing. */
static inline int perfv_papi_hl_read(const char *region)
{
    return region == NULL || region[0] == '\0' ? PAPI_EINVAL : PAPI_OK;
}

static inline int perfv_papi_hl_region_end(const char *region)
{
    int status = perfv_papi_hl_initialize();
    return perfv_papi_hl_status(status == PERFV_OK ? perfv_region_end_named(region) : status);
}

/** Writes the output now; it is written again, with any later calls, at exit. */
static inline int perfv_papi_hl_stop(void)
{
    int status = perfv_papi_hl_initialize();
    return perfv_papi_hl_status(status == PERFV_OK ? perfv_flush() : status);
}

#define PAPI_hl_region_begin(region) perfv_papi_hl_region_begin(region)
#define PAPI_hl_read(region) perfv_papi_hl_read(region)
#define PAPI_hl_region_end(region) perfv_papi_hl_region_end(region)
#define PAPI_hl_stop() perfv_papi_hl_stop()

#endif /* PERFV_PAPI_HL_H */
