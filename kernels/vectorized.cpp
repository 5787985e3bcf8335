// SPDX-License-Identifier: MIT
// Rung "vectorized": the divide and conquer of "dac" with a leaf written for the compiler's
// vectorizer. The leaf keeps a Rows x Cols tile of C in registers while it runs down k (the
// i-k-j leaf loads and stores C once per multiply-add), and `omp simd` asks for the column
// loops in vector registers. The leaf is compiled once per instruction set, each with a tile
// that fills that set's registers, and the version is picked at run time from the CPU
// (HEADROOM_ISA overrides, as for the micro-kernel), so the same portable binary uses AVX-512
// or AVX2+FMA where present without -march=native. Plain C++ throughout: no intrinsics.
#include "blocked.h"
#include "cpu.h"
#include "ladder.h"

#include <algorithm>
#include <cstddef>

namespace headroom::kernels {

namespace {
// C (rows x [jBegin, jEnd)) (+)= A * B one row at a time: the edges right of and below the last
// full register tile. Always inlined so that it is compiled for the caller's instruction set.
[[gnu::always_inline]] inline void leafEdge(int iBegin, int iEnd, int jBegin, int jEnd, int k,
                                            const double* a, int lda, const double* b, int ldb,
                                            double* c, int ldc, bool overwrite) {
    for (int i = iBegin; i < iEnd; ++i) {
        double* __restrict ci = c + std::ptrdiff_t(i) * ldc;
        if (overwrite)
            std::fill(ci + jBegin, ci + jEnd, 0.0);
        for (int p = 0; p < k; ++p) {
            const double aip = a[std::ptrdiff_t(i) * lda + p];
            const double* __restrict bp = b + std::ptrdiff_t(p) * ldb;
#pragma omp simd
            for (int j = jBegin; j < jEnd; ++j)
                ci[j] += aip * bp[j];
        }
    }
}

// The leaf: tiles of Rows x Cols of C accumulated in a local array that the compiler keeps in
// vector registers (Cols a multiple of the vector width, Rows * Cols / width accumulators
// plus a row of B and a broadcast within the register file).
template <int Rows, int Cols>
[[gnu::always_inline]] inline void leaf(int m, int n, int k, const double* a, int lda,
                                        const double* b, int ldb, double* c, int ldc,
                                        bool overwrite) {
    const int mFull = m - m % Rows;
    const int nFull = n - n % Cols;
    for (int j0 = 0; j0 < nFull; j0 += Cols) {
        for (int i0 = 0; i0 < mFull; i0 += Rows) {
            double acc[Rows][Cols];
            for (int r = 0; r < Rows; ++r)
#pragma omp simd
                for (int j = 0; j < Cols; ++j)
                    acc[r][j] = overwrite ? 0.0 : c[std::ptrdiff_t(i0 + r) * ldc + j0 + j];
            const double* ai = a + std::ptrdiff_t(i0) * lda;
            for (int p = 0; p < k; ++p) {
                const double* bp = b + std::ptrdiff_t(p) * ldb + j0;
                for (int r = 0; r < Rows; ++r) {
                    const double arp = ai[std::ptrdiff_t(r) * lda + p];
#pragma omp simd
                    for (int j = 0; j < Cols; ++j)
                        acc[r][j] += arp * bp[j];
                }
            }
            for (int r = 0; r < Rows; ++r)
#pragma omp simd
                for (int j = 0; j < Cols; ++j)
                    c[std::ptrdiff_t(i0 + r) * ldc + j0 + j] = acc[r][j];
        }
    }
    leafEdge(mFull, m, 0, nFull, k, a, lda, b, ldb, c, ldc, overwrite);
    leafEdge(0, m, nFull, n, k, a, lda, b, ldb, c, ldc, overwrite);
}

// Baseline ISA (SSE2 on x86-64, NEON on arm64): 4 x 4 = 8 two-wide accumulators of 16 registers.
constexpr RegisterTile kTileGeneric{4, 4};
// AVX2 + FMA: 6 x 8 = 12 of the 16 ymm registers.
constexpr RegisterTile kTileAvx2{6, 8};
// AVX-512: 8 x 16 = 16 of the 32 zmm registers, enough independent FMAs to cover their latency.
constexpr RegisterTile kTileAvx512{8, 16};

void leafGeneric(int m, int n, int k, const double* a, int lda, const double* b, int ldb, double* c,
                 int ldc, bool overwrite, const Tiles&) {
    leaf<kTileGeneric.rows, kTileGeneric.cols>(m, n, k, a, lda, b, ldb, c, ldc, overwrite);
}

#if defined(__x86_64__)
[[gnu::target("avx2,fma")]] void leafAvx2(int m, int n, int k, const double* a, int lda,
                                          const double* b, int ldb, double* c, int ldc,
                                          bool overwrite, const Tiles&) {
    leaf<kTileAvx2.rows, kTileAvx2.cols>(m, n, k, a, lda, b, ldb, c, ldc, overwrite);
}

[[gnu::target("avx512f,avx2,fma")]] void leafAvx512(int m, int n, int k, const double* a, int lda,
                                                    const double* b, int ldb, double* c, int ldc,
                                                    bool overwrite, const Tiles&) {
    leaf<kTileAvx512.rows, kTileAvx512.cols>(m, n, k, a, lda, b, ldb, c, ldc, overwrite);
}
#endif

BlockFn leafFor([[maybe_unused]] Isa isa) {
#if defined(__x86_64__)
    switch (isa) {
    case Isa::Avx512:
        return leafAvx512;
    case Isa::Avx2:
        return leafAvx2;
    case Isa::Generic:
        break;
    }
#endif
    return leafGeneric;
}
} // namespace

RegisterTile vectorizedTile(Isa isa) {
    switch (isa) {
    case Isa::Avx512:
        return kTileAvx512;
    case Isa::Avx2:
        return kTileAvx2;
    case Isa::Generic:
        break;
    }
    return kTileGeneric;
}

void gemm_vectorized(const GemmArgs& args) {
    // The register-tile leaf reads its blocks of A and B in place, without blocking for the
    // caches: the recursion goes down to blocks that fit in L2 together.
    Tiles tiles = tilesFor(args.caches);
    tiles.cutoff = tiles.l2Side;
    divideAndConquer(args, tiles, leafFor(selectedIsa()));
}

} // namespace headroom::kernels
