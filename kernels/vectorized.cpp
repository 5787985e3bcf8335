// SPDX-License-Identifier: MIT
// Rung "vectorized": the divide and conquer of "dac" with a leaf written for the compiler's
// vectorizer. The leaf keeps a kRows x kCols tile of C in registers while it runs down k
// (the i-k-j leaf loads and stores C once per multiply-add), and `omp simd` asks for the
// column loop in vector registers. The leaf is compiled once per instruction set
// (function multiversioning) and picked at load time from the CPU's features, so the same
// portable binary uses AVX-512 or AVX2+FMA where present without -march=native.
#include "blocked.h"
#include "ladder.h"

#include <algorithm>
#include <cstddef>

namespace headroom::kernels {

namespace {
// 6 x 8 doubles: 12 accumulators in AVX2's 16 registers (with a row of B and a broadcast),
// 6 in AVX-512's 32. A multiple of every vector width, so no remainder inside a tile.
constexpr int kRows = 6;
constexpr int kCols = 8;

#if defined(__x86_64__)
#define HEADROOM_ISA_CLONES                                                                        \
    __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define HEADROOM_ISA_CLONES
#endif

HEADROOM_ISA_CLONES
void vectorBlock(int m, int n, int k, const double* a, int lda, const double* b, int ldb, double* c,
                 int ldc, bool overwrite, const Tiles&) {
    const int mFull = m - m % kRows;
    const int nFull = n - n % kCols;
    for (int j0 = 0; j0 < nFull; j0 += kCols) {
        for (int i0 = 0; i0 < mFull; i0 += kRows) {
            double acc[kRows][kCols];
            for (int r = 0; r < kRows; ++r)
#pragma omp simd
                for (int j = 0; j < kCols; ++j)
                    acc[r][j] = overwrite ? 0.0 : c[std::ptrdiff_t(i0 + r) * ldc + j0 + j];
            const double* ai = a + std::ptrdiff_t(i0) * lda;
            for (int p = 0; p < k; ++p) {
                const double* bp = b + std::ptrdiff_t(p) * ldb + j0;
                for (int r = 0; r < kRows; ++r) {
                    const double arp = ai[std::ptrdiff_t(r) * lda + p];
#pragma omp simd
                    for (int j = 0; j < kCols; ++j)
                        acc[r][j] += arp * bp[j];
                }
            }
            for (int r = 0; r < kRows; ++r)
#pragma omp simd
                for (int j = 0; j < kCols; ++j)
                    c[std::ptrdiff_t(i0 + r) * ldc + j0 + j] = acc[r][j];
        }
    }
    // The edges (rows below the last full tile, columns right of it): one row at a time.
    auto edge = [&](int i, int jBegin, int jEnd) {
        double* ci = c + std::ptrdiff_t(i) * ldc;
        if (overwrite)
            std::fill(ci + jBegin, ci + jEnd, 0.0);
        for (int p = 0; p < k; ++p) {
            const double aip = a[std::ptrdiff_t(i) * lda + p];
            const double* bp = b + std::ptrdiff_t(p) * ldb;
#pragma omp simd
            for (int j = jBegin; j < jEnd; ++j)
                ci[j] += aip * bp[j];
        }
    };
    for (int i = mFull; i < m; ++i)
        edge(i, 0, nFull);
    if (nFull < n)
        for (int i = 0; i < m; ++i)
            edge(i, nFull, n);
}
} // namespace

void gemm_vectorized(const GemmArgs& args) {
    divideAndConquer(args, tilesFor(args.caches), vectorBlock);
}

} // namespace headroom::kernels
