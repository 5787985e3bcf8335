// SPDX-License-Identifier: MIT
// AVX-512F packing for the AVX-512 micro-kernels: the layouts of packing::packA / packB, copied
// a zmm at a time. The portable copies compile to 16-byte moves and, for A, to one element at a
// time (the rows are transposed into columns): at n = 4096 on one core of a Xeon (model 207),
// packing A alone took 3.4 % of the product, a quarter of the distance to OpenBLAS.
// Only the files of this folder are compiled with -mavx512f; these run only when the CPU has it.
#include "packing.h"

#include <immintrin.h>

#include <algorithm>
#include <cstddef>

namespace headroom::kernels::packing {

namespace {

// The 8 x 8 block with row i in r[i] becomes its transpose: column j in r[j].
[[gnu::always_inline]] inline void transpose8x8(__m512d (&r)[8]) {
    // Pairs of rows interleaved: t[2q] holds rows 2q, 2q+1 at the even columns, t[2q+1] at the odd.
    __m512d t[8];
#pragma GCC unroll 4
    for (int q = 0; q < 4; ++q) {
        t[2 * q] = _mm512_unpacklo_pd(r[2 * q], r[2 * q + 1]);
        t[2 * q + 1] = _mm512_unpackhi_pd(r[2 * q], r[2 * q + 1]);
    }
    // Four rows side by side: s holds columns (c, c + 4) of rows 0-3 (s[0..3]) or 4-7 (s[4..7]).
    const __m512i lo = _mm512_setr_epi64(0, 1, 8, 9, 4, 5, 12, 13);
    const __m512i hi = _mm512_setr_epi64(2, 3, 10, 11, 6, 7, 14, 15);
    __m512d s[8];
#pragma GCC unroll 2
    for (int h = 0; h < 2; ++h) {
        s[4 * h + 0] = _mm512_permutex2var_pd(t[4 * h + 0], lo, t[4 * h + 2]); // columns 0, 4
        s[4 * h + 1] = _mm512_permutex2var_pd(t[4 * h + 0], hi, t[4 * h + 2]); // columns 2, 6
        s[4 * h + 2] = _mm512_permutex2var_pd(t[4 * h + 1], lo, t[4 * h + 3]); // columns 1, 5
        s[4 * h + 3] = _mm512_permutex2var_pd(t[4 * h + 1], hi, t[4 * h + 3]); // columns 3, 7
    }
    // The low halves of rows 0-3 and 4-7 make columns 0-3, the high halves columns 4-7.
    constexpr int kLow = 0x44, kHigh = 0xEE;
    r[0] = _mm512_shuffle_f64x2(s[0], s[4], kLow);
    r[4] = _mm512_shuffle_f64x2(s[0], s[4], kHigh);
    r[2] = _mm512_shuffle_f64x2(s[1], s[5], kLow);
    r[6] = _mm512_shuffle_f64x2(s[1], s[5], kHigh);
    r[1] = _mm512_shuffle_f64x2(s[2], s[6], kLow);
    r[5] = _mm512_shuffle_f64x2(s[2], s[6], kHigh);
    r[3] = _mm512_shuffle_f64x2(s[3], s[7], kLow);
    r[7] = _mm512_shuffle_f64x2(s[3], s[7], kHigh);
}

constexpr __mmask8 firstLanes(int count) {
    return static_cast<__mmask8>((1u << std::clamp(count, 0, 8)) - 1);
}

} // namespace

// A panel of MR rows is packed in groups of 8 rows: each 8 x 8 block of A is loaded row by row,
// transposed, and stored as 8 columns of the panel (masked where the group is shorter than 8).
template <int MR>
void packAAvx512(int mc, int kc, const double* a, int lda, double* ap) {
    for (int r = 0; r < mc; r += MR) {
        double* const panel = ap + static_cast<std::size_t>(r) * kc;
        const int rows = std::min(MR, mc - r);
        for (int g = 0; g < MR; g += 8) {
            const int present = std::clamp(rows - g, 0, 8); // rows of A (the rest are zero)
            const __mmask8 store = firstLanes(MR - g);      // rows of the panel
            const double* const src = a + static_cast<std::size_t>(r + g) * lda;
            for (int p = 0; p < kc; p += 8) {
                const int cols = std::min(8, kc - p);
                const __mmask8 load = firstLanes(cols);
                __m512d v[8];
#pragma GCC unroll 8
                for (int i = 0; i < 8; ++i)
                    v[i] = i < present ? _mm512_maskz_loadu_pd(
                                             load, src + static_cast<std::size_t>(i) * lda + p)
                                       : _mm512_setzero_pd();
                transpose8x8(v);
                double* const dst = panel + static_cast<std::size_t>(p) * MR + g;
                if (cols == 8) {
#pragma GCC unroll 8
                    for (int j = 0; j < 8; ++j)
                        _mm512_mask_storeu_pd(dst + j * MR, store, v[j]);
                } else {
                    for (int j = 0; j < cols; ++j)
                        _mm512_mask_storeu_pd(dst + j * MR, store, v[j]);
                }
            }
        }
    }
}

// Row p of each NR-wide panel is NR / 8 vectors of B's row p; columns past nc are zero.
template <int NR>
void packBAvx512(int first, int last, int nc, int kc, const double* b, int ldb, double* bp) {
    static_assert(NR % 8 == 0, "the AVX-512 panels are whole vectors wide");
    const std::size_t panelSize = static_cast<std::size_t>(NR) * kc;
    for (int p = 0; p < kc; ++p) {
        const double* const src = b + static_cast<std::size_t>(p) * ldb;
        for (int q = first; q < last; ++q) {
            double* const dst = bp + q * panelSize + static_cast<std::size_t>(p) * NR;
            const int j0 = q * NR;
            if (j0 + NR <= nc) {
#pragma GCC unroll 4
                for (int v = 0; v < NR / 8; ++v)
                    _mm512_storeu_pd(dst + 8 * v, _mm512_loadu_pd(src + j0 + 8 * v));
            } else {
                for (int v = 0; v < NR / 8; ++v)
                    _mm512_storeu_pd(dst + 8 * v, _mm512_maskz_loadu_pd(firstLanes(nc - j0 - 8 * v),
                                                                        src + j0 + 8 * v));
            }
        }
    }
}

template void packAAvx512<6>(int, int, const double*, int, double*);
template void packAAvx512<8>(int, int, const double*, int, double*);
template void packAAvx512<14>(int, int, const double*, int, double*);
template void packAAvx512<28>(int, int, const double*, int, double*);
template void packBAvx512<8>(int, int, int, int, const double*, int, double*);
template void packBAvx512<16>(int, int, int, int, const double*, int, double*);
template void packBAvx512<24>(int, int, int, int, const double*, int, double*);
template void packBAvx512<32>(int, int, int, int, const double*, int, double*);

} // namespace headroom::kernels::packing
