// SPDX-License-Identifier: MIT
// AVX-512F micro-kernel, double precision, 6 x 32 register tile: BLIS's zen4 shape (32 x 6
// there, with C column-major). 6 broadcasts and 4 loads of B per 24 FMAs; a B sliver twice as
// wide, so half the KC fits the same L1.
// Only the files of this folder are compiled with -mavx512f; it runs only when the CPU has it.
#include "dgemm_avx512.h"

namespace headroom::kernels {

void dgemm_avx512_6x32(long kc, const double* ap, const double* bp, double* c, long ldc,
                       bool accumulate) {
    avx512::packed<6, 4>(kc, ap, bp, c, ldc, accumulate);
}

void dgemm_avx512_6x32_unpacked(long k, const double* a, long lda, const double* b, long ldb,
                                double* c, long ldc) {
    avx512::unpacked<6, 4>(k, a, lda, b, ldb, c, ldc);
}

} // namespace headroom::kernels
