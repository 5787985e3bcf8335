// SPDX-License-Identifier: MIT
// AVX-512F micro-kernel, double precision, 14 x 16 register tile (BLIS's skx shape).
// Only this file is compiled with -mavx512f; it runs only when the CPU has AVX-512F.
//
// Registers: the 14 x 16 tile of C is 28 zmm accumulators (14 rows x 2 vectors of 8 doubles),
// plus 2 for the row of B and 1 for the broadcast element of A: 31 of the 32 zmm registers.
// Each step p loads one row of the B sliver (16 doubles), broadcasts the 14 elements of one
// column of the A sliver and issues 28 independent FMAs (2 FMA pipes x 4 cycles need >= 8).
#include "microkernel.h"

#include <immintrin.h>

namespace headroom::kernels {

namespace {
constexpr int kMr = 14;
constexpr int kNr = 16;
constexpr int kPrefetchA = 8 * kMr * 2;
} // namespace

void dgemm_avx512_14x16(long kc, const double* __restrict ap, const double* __restrict bp,
                        double* __restrict c, long ldc, bool accumulate) {
    __m512d acc[kMr][2];
#pragma GCC unroll 14
    for (int i = 0; i < kMr; ++i) {
        acc[i][0] = _mm512_setzero_pd();
        acc[i][1] = _mm512_setzero_pd();
    }
    // Start fetching the C tile now so that its latency hides behind the kc loop.
#pragma GCC unroll 14
    for (int i = 0; i < kMr; ++i) {
        _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc), _MM_HINT_T0);
        _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc + kNr - 1), _MM_HINT_T0);
    }

#pragma GCC unroll 2
    for (long p = 0; p < kc; ++p) {
        _mm_prefetch(reinterpret_cast<const char*>(ap + kPrefetchA), _MM_HINT_T0);
        _mm_prefetch(reinterpret_cast<const char*>(ap + kPrefetchA + 8), _MM_HINT_T0);
        const __m512d b0 = _mm512_load_pd(bp);
        const __m512d b1 = _mm512_load_pd(bp + 8);
#pragma GCC unroll 14
        for (int i = 0; i < kMr; ++i) {
            const __m512d a = _mm512_set1_pd(ap[i]);
            acc[i][0] = _mm512_fmadd_pd(a, b0, acc[i][0]);
            acc[i][1] = _mm512_fmadd_pd(a, b1, acc[i][1]);
        }
        ap += kMr;
        bp += kNr;
    }

#pragma GCC unroll 14
    for (int i = 0; i < kMr; ++i) {
        double* row = c + i * ldc;
        if (accumulate) {
            acc[i][0] = _mm512_add_pd(acc[i][0], _mm512_loadu_pd(row));
            acc[i][1] = _mm512_add_pd(acc[i][1], _mm512_loadu_pd(row + 8));
        }
        _mm512_storeu_pd(row, acc[i][0]);
        _mm512_storeu_pd(row + 8, acc[i][1]);
    }
}

} // namespace headroom::kernels
