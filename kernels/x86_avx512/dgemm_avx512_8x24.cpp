// SPDX-License-Identifier: MIT
// AVX-512F micro-kernel, double precision, 8 x 24 register tile (a 24 x 8 column-major shape
// turned to row-major C): 8 broadcasts and 3 loads of B per 24 FMAs.
// Only the files of this folder are compiled with -mavx512f; it runs only when the CPU has it.
#include "dgemm_avx512.h"

namespace headroom::kernels {

void dgemm_avx512_8x24(long kc, const double* ap, const double* bp, double* c, long ldc,
                       bool accumulate) {
    avx512::packed<8, 3>(kc, ap, bp, c, ldc, accumulate);
}

void dgemm_avx512_8x24_unpacked(long k, const double* a, long lda, const double* b, long ldb,
                                double* c, long ldc) {
    avx512::unpacked<8, 3>(k, a, lda, b, ldb, c, ldc);
}

} // namespace headroom::kernels
