// SPDX-License-Identifier: MIT
// AVX2+FMA micro-kernel, double precision, 6 x 8 register tile (BLIS's haswell shape).
// Only this file is compiled with -mavx2 -mfma; it runs only when the CPU has both.
//
// Registers: the 6 x 8 tile of C is 12 ymm accumulators (6 rows x 2 vectors of 4 doubles),
// plus 2 for the row of B and 1 for the broadcast element of A: 15 of the 16 ymm registers.
// Each step p loads one row of the B sliver (8 doubles), broadcasts the 6 elements of one column
// of the A sliver and issues 12 independent FMAs: enough to cover 2 FMA pipes x 4-5 cycles of
// latency, with 8 loads per 12 FMAs (well within 2-3 loads per cycle).
#include "microkernel.h"

#include <immintrin.h>

namespace headroom::kernels {

namespace {
constexpr int kMr = 6;
constexpr int kNr = 8;
// How far ahead (in doubles) the A sliver is prefetched: a few cache lines ahead of the loads.
constexpr int kPrefetchA = 8 * kMr * 4;
} // namespace

void dgemm_avx2_6x8(long kc, const double* __restrict ap, const double* __restrict bp,
                    double* __restrict c, long ldc, bool accumulate) {
    __m256d acc[kMr][2];
#pragma GCC unroll 6
    for (int i = 0; i < kMr; ++i) {
        acc[i][0] = _mm256_setzero_pd();
        acc[i][1] = _mm256_setzero_pd();
    }
    // The C tile is touched only after the kc loop; start fetching it now (it is usually far
    // away, in L3 or DRAM) so that its latency hides behind the arithmetic.
#pragma GCC unroll 6
    for (int i = 0; i < kMr; ++i) {
        _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc), _MM_HINT_T0);
        _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc + kNr - 1), _MM_HINT_T0);
    }

#pragma GCC unroll 4
    for (long p = 0; p < kc; ++p) {
        _mm_prefetch(reinterpret_cast<const char*>(ap + kPrefetchA), _MM_HINT_T0);
        const __m256d b0 = _mm256_load_pd(bp);
        const __m256d b1 = _mm256_load_pd(bp + 4);
#pragma GCC unroll 6
        for (int i = 0; i < kMr; ++i) {
            const __m256d a = _mm256_broadcast_sd(ap + i);
            acc[i][0] = _mm256_fmadd_pd(a, b0, acc[i][0]);
            acc[i][1] = _mm256_fmadd_pd(a, b1, acc[i][1]);
        }
        ap += kMr;
        bp += kNr;
    }

#pragma GCC unroll 6
    for (int i = 0; i < kMr; ++i) {
        double* row = c + i * ldc;
        if (accumulate) {
            acc[i][0] = _mm256_add_pd(acc[i][0], _mm256_loadu_pd(row));
            acc[i][1] = _mm256_add_pd(acc[i][1], _mm256_loadu_pd(row + 4));
        }
        _mm256_storeu_pd(row, acc[i][0]);
        _mm256_storeu_pd(row + 4, acc[i][1]);
    }
}

} // namespace headroom::kernels
