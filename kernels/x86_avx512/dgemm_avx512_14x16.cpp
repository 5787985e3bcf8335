// SPDX-License-Identifier: MIT
// AVX-512F micro-kernel, double precision, 14 x 16 register tile: BLIS's skx shape (16 x 14
// there, with C column-major). 14 broadcasts and 2 loads of B per 28 FMAs.
// Only the files of this folder are compiled with -mavx512f; it runs only when the CPU has it.
#include "dgemm_avx512.h"

namespace headroom::kernels {

void dgemm_avx512_14x16(long kc, const double* ap, const double* bp, double* c, long ldc,
                        bool accumulate) {
    avx512::packed<14, 2>(kc, ap, bp, c, ldc, accumulate);
}

void dgemm_avx512_14x16_unpacked(long k, const double* a, long lda, const double* b, long ldb,
                                 double* c, long ldc) {
    avx512::unpacked<14, 2>(k, a, lda, b, ldb, c, ldc);
}

} // namespace headroom::kernels
