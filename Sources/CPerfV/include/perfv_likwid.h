/*
 * perfv_likwid.h — LIKWID's marker API (LIKWID_MARKER_*) on PerfV's named regions.
 *
 * A program instrumented with LIKWID markers switches to PerfV by including
 * this header instead of <likwid-marker.h> and linking -lperfv instead of
 * -llikwid:
 *
 *     cc -DLIKWID_PERFMON prog.c $(pkg-config --cflags --libs perfv)
 *
 * As in LIKWID, the markers do something only when LIKWID_PERFMON is defined;
 * otherwise they expand to nothing. Events come from PERFV_EVENTS, the output
 * goes to $PERFV_OUTPUT_DIRECTORY/perfv_<run>/rank_<NNNNNN>.json.
 * docs/c-api.md has the mapping table.
 */
#ifndef PERFV_LIKWID_H
#define PERFV_LIKWID_H

#ifdef LIKWID_PERFMON
#include "perfv.h"

#define LIKWID_MARKER_INIT ((void)perfv_init(PERFV_VERSION))
/* PerfV sets up each thread at its first region. */
#define LIKWID_MARKER_THREADINIT ((void)0)
/* A region's files are opened at its thread's first use of that nesting level. */
#define LIKWID_MARKER_REGISTER(regionTag) ((void)(regionTag))
#define LIKWID_MARKER_START(regionTag) ((void)perfv_region_begin_named(regionTag))
#define LIKWID_MARKER_STOP(regionTag) ((void)perfv_region_end_named(regionTag))
/* PerfV counts one event list, so there is no group to switch to. */
#define LIKWID_MARKER_SWITCH ((void)0)
#define LIKWID_MARKER_CLOSE ((void)perfv_flush())
#else
#define LIKWID_MARKER_INIT
#define LIKWID_MARKER_THREADINIT
#define LIKWID_MARKER_REGISTER(regionTag)
#define LIKWID_MARKER_START(regionTag)
#define LIKWID_MARKER_STOP(regionTag)
#define LIKWID_MARKER_SWITCH
#define LIKWID_MARKER_CLOSE
#endif

#endif /* PERFV_LIKWID_H */
