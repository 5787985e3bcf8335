// SPDX-License-Identifier: MIT
// The AVX-512F micro-kernels' common body, one instantiation per register tile (MR rows x NV
// vectors of 8 doubles). Included only by the files of this folder, which alone get -mavx512f.
//
// Each step p loads one row of the B sliver (NV vectors), broadcasts the MR elements of one
// column of the A sliver and issues MR x NV independent FMAs (2 FMA pipes x 4 cycles need >= 8).
// The tile of C is held in MR x NV zmm accumulators; with the NV vectors of B and the broadcast
// it must fit in the 32 zmm registers.
#pragma once

#include "microkernel.h"

#include <immintrin.h>

namespace headroom::kernels::avx512 {

// Steps before the end of the k loop at which the C tile is fetched: late enough that the A and
// B slivers streaming through L1 do not evict it again, early enough (a few hundred cycles of
// FMAs) to hide a miss to L3.
constexpr long kPrefetchCSteps = 24;
// How far ahead of its loads the A sliver is prefetched, in bytes.
constexpr int kPrefetchABytes = 512;

// Where A(i, p) and row p of B are: in the packed slivers (lda = MR, ldb = NR: what the
// contract says), or straight in the row-major operands (Strided: small products, no packing).
template <int MR, int NV, bool Strided>
struct Operands {
    const double* a;
    long lda;
    const double* b;
    long ldb;
    double aAt(long i, long p) const { return Strided ? a[i * lda + p] : a[p * MR + i]; }
    const double* bRow(long p) const { return Strided ? b + p * ldb : b + p * (8 * NV); }
};

template <int MR, int NV, bool Strided>
[[gnu::always_inline]] inline void step(const Operands<MR, NV, Strided>& o, long p,
                                        __m512d (&acc)[MR][NV]) {
    if constexpr (!Strided) {
        // One prefetch per cache line of the A sliver consumed by this step.
#pragma GCC unroll 8
        for (int line = 0; line < (MR * 8 + 63) / 64; ++line)
            _mm_prefetch(reinterpret_cast<const char*>(o.a + p * MR) + kPrefetchABytes + line * 64,
                         _MM_HINT_T0);
    }
    const double* row = o.bRow(p);
    __m512d b[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v)
        b[v] = Strided ? _mm512_loadu_pd(row + 8 * v) : _mm512_load_pd(row + 8 * v);
#pragma GCC unroll 32
    for (int i = 0; i < MR; ++i) {
        const __m512d a = _mm512_set1_pd(o.aAt(i, p));
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v)
            acc[i][v] = _mm512_fmadd_pd(a, b[v], acc[i][v]);
    }
}

template <int MR, int NV, bool Strided = false>
[[gnu::always_inline]] inline void dgemm(long kc, const Operands<MR, NV, Strided>& o,
                                         double* __restrict c, long ldc, bool accumulate) {
    static_assert(MR * NV + NV + 1 <= 32, "the tile, a row of B and a broadcast need 32 zmm");
    constexpr int NR = 8 * NV;
    __m512d acc[MR][NV];
#pragma GCC unroll 32
    for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v)
            acc[i][v] = _mm512_setzero_pd();

    const long early = kc > kPrefetchCSteps ? kc - kPrefetchCSteps : 0;
    long p = 0;
#pragma GCC unroll 4
    for (; p < early; ++p)
        step(o, p, acc);
    // Only C needs fetching when accumulating; a row may straddle one more line than it holds.
    if (accumulate) {
#pragma GCC unroll 32
        for (int i = 0; i < MR; ++i)
#pragma GCC unroll 5
            for (int line = 0; line <= NV; ++line)
                _mm_prefetch(
                    reinterpret_cast<const char*>(c + i * ldc + (line < NV ? 8 * line : NR - 1)),
                    _MM_HINT_T0);
    }
#pragma GCC unroll 4
    for (; p < kc; ++p)
        step(o, p, acc);

#pragma GCC unroll 32
    for (int i = 0; i < MR; ++i) {
        double* row = c + i * ldc;
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) {
            if (accumulate)
                acc[i][v] = _mm512_add_pd(acc[i][v], _mm512_loadu_pd(row + 8 * v));
            _mm512_storeu_pd(row + 8 * v, acc[i][v]);
        }
    }
}

// The packed contract (microkernel.h: DgemmMicrokernel).
template <int MR, int NV>
inline void packed(long kc, const double* ap, const double* bp, double* c, long ldc,
                   bool accumulate) {
    dgemm<MR, NV, false>(kc, {ap, MR, bp, 8 * NV}, c, ldc, accumulate);
}

// The unpacked one (microkernel.h: DgemmMicrokernelUnpacked): C = A * B for one full tile.
template <int MR, int NV>
inline void unpacked(long k, const double* a, long lda, const double* b, long ldb, double* c,
                     long ldc) {
    dgemm<MR, NV, true>(k, {a, lda, b, ldb}, c, ldc, false);
}

} // namespace headroom::kernels::avx512
