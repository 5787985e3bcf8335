// SPDX-License-Identifier: MIT
// AVX-512F micro-kernel, double precision, 28 x 8 register tile: one vector of B per step and
// 28 broadcasts of A, so the B sliver is narrow and KC can be long.
// Only the files of this folder are compiled with -mavx512f; it runs only when the CPU has it.
#include "dgemm_avx512.h"

namespace headroom::kernels {

void dgemm_avx512_28x8(long kc, const double* ap, const double* bp, double* c, long ldc,
                       bool accumulate) {
    avx512::packed<28, 1>(kc, ap, bp, c, ldc, accumulate);
}

void dgemm_avx512_28x8_unpacked(long k, const double* a, long lda, const double* b, long ldb,
                                double* c, long ldc) {
    avx512::unpacked<28, 1>(k, a, lda, b, ldb, c, ldc);
}

} // namespace headroom::kernels
