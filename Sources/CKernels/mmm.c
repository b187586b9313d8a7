#include "perfv_kernels.h"

/* Bit-identical results on host and guest need IEEE arithmetic in source order:
 * no FMA contraction (fast-math, which would also reassociate, is off by default).
 * Said here rather than as build flags, so every build of this file, the host
 * target's, the guest image's and a dependent package's, gets it. */
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

void perfv_mmm_init(uint32_t n, double *a, double *b, double *c) {
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t j = 0; j < n; j++) {
            size_t at = (size_t)i * n + j;
            /* Small integers over a power of two: exact in binary, varied enough
             * that a wrong index changes the checksum. */
            a[at] = (double)((i * 7u + j * 3u) % 17u) / 8.0;
            b[at] = (double)((i * 5u + j * 11u) % 13u) / 16.0;
            c[at] = 0.0;
        }
    }
}

void perfv_mmm_naive(uint32_t n, const double *a, const double *b, double *c,
                     uint32_t row_begin, uint32_t row_end) {
    for (uint32_t i = row_begin; i < row_end; i++) {
        double *c_row = c + (size_t)i * n;
        for (uint32_t k = 0; k < n; k++) {
            double a_ik = a[(size_t)i * n + k];
            const double *b_row = b + (size_t)k * n;
            for (uint32_t j = 0; j < n; j++) c_row[j] += a_ik * b_row[j];
        }
    }
}

void perfv_mmm_blocked(uint32_t n, const double *a, const double *b, double *c,
                       uint32_t block, uint32_t row_begin, uint32_t row_end) {
    if (block == 0) block = 32;
    for (uint32_t ii = row_begin; ii < row_end; ii += block) {
        uint32_t i_end = ii + block < row_end ? ii + block : row_end;
        for (uint32_t kk = 0; kk < n; kk += block) {
            uint32_t k_end = kk + block < n ? kk + block : n;
            for (uint32_t jj = 0; jj < n; jj += block) {
                uint32_t j_end = jj + block < n ? jj + block : n;
                for (uint32_t i = ii; i < i_end; i++) {
                    double *c_row = c + (size_t)i * n;
                    for (uint32_t k = kk; k < k_end; k++) {
                        double a_ik = a[(size_t)i * n + k];
                        const double *b_row = b + (size_t)k * n;
                        for (uint32_t j = jj; j < j_end; j++) c_row[j] += a_ik * b_row[j];
                    }
                }
            }
        }
    }
}

uint64_t perfv_fnv1a64(const void *bytes, size_t length) {
    const unsigned char *p = bytes;
    uint64_t hash = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < length; i++) {
        hash ^= p[i];
        hash *= 0x100000001b3ull;
    }
    return hash;
}
