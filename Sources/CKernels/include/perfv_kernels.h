/* Workload kernels shared by the host (this target) and the guest runtime
 * (Guest/, built by the GuestBuilder plugin from this same source). The
 * floating-point rules are pragmas in mmm.c; both sides build it at -O2 in
 * release. Freestanding: no libc. */
#ifndef PERFV_KERNELS_H
#define PERFV_KERNELS_H
#include <stdint.h>
#include <stddef.h>

/** Fills A and B (N×N, row-major) with a deterministic pattern and zeroes C. */
void perfv_mmm_init(uint32_t n, double *a, double *b, double *c);

/** C[rows] += A[rows]·B, textbook i-k-j order, rows [row_begin, row_end). */
void perfv_mmm_naive(uint32_t n, const double *a, const double *b, double *c,
                     uint32_t row_begin, uint32_t row_end);

/** Same product, tiled in `block`×`block` tiles for cache reuse. Each element
 *  still sums k in ascending order, so the result is bit-identical to the
 *  naive kernel's: a free cross-check between the two. */
void perfv_mmm_blocked(uint32_t n, const double *a, const double *b, double *c,
                       uint32_t block, uint32_t row_begin, uint32_t row_end);

/** FNV-1a 64-bit hash of `length` bytes: equal only for bit-identical results. */
uint64_t perfv_fnv1a64(const void *bytes, size_t length);

#endif
