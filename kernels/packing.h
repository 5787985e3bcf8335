// SPDX-License-Identifier: MIT
// The micro-kernel rung's packing (internal to kernels/microkernel.cpp): copying blocks of A and
// B into the slivers the micro-kernels stream, and the buffers they are copied into.
#pragma once

#include "matrix.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace headroom::kernels::packing {

using PackAFn = void (*)(int mc, int kc, const double* a, int lda, double* ap);
using PackBFn = void (*)(int first, int last, int nc, int kc, const double* b, int ldb, double* bp);

// Packs rows [0, mc) x columns [0, kc) of A (row stride lda) into MR-tall row panels: panel r
// holds A(r*MR + i, p) at [r*MR*kc + p*MR + i]. Rows past mc are zero, so that the micro-kernel
// always computes a full tile. MR is a compile-time constant so that the copy is unrolled; the
// MR rows are read side by side, which keeps MR memory streams in flight.
template <int MR>
void packA(int mc, int kc, const double* a, int lda, double* ap) {
    for (int r = 0; r < mc; r += MR) {
        double* __restrict dst = ap + static_cast<std::size_t>(r) * kc;
        const int rows = std::min(MR, mc - r);
        const double* src[MR];
        for (int i = 0; i < MR; ++i)
            src[i] = a + static_cast<std::size_t>(r + std::min(i, rows - 1)) * lda;
        if (rows == MR) {
            for (int p = 0; p < kc; ++p)
#pragma GCC unroll 16
                for (int i = 0; i < MR; ++i)
                    dst[p * MR + i] = src[i][p];
        } else {
            for (int p = 0; p < kc; ++p)
                for (int i = 0; i < MR; ++i)
                    dst[p * MR + i] = i < rows ? src[i][p] : 0.0;
        }
    }
}

// Packs the NR-wide column panels [first, last) of the kc x nc block of B (row stride ldb):
// panel q holds B(p, q*NR + j) at [q*NR*kc + p*NR + j], columns past nc zero. Walks B row by row
// (contiguous reads, one cache line written per panel) rather than down each panel, which would
// touch a new page of B for every row.
template <int NR>
void packB(int first, int last, int nc, int kc, const double* b, int ldb, double* bp) {
    const std::size_t panelSize = static_cast<std::size_t>(NR) * kc;
    for (int p = 0; p < kc; ++p) {
        const double* src = b + static_cast<std::size_t>(p) * ldb;
        for (int q = first; q < last; ++q) {
            double* __restrict dst = bp + q * panelSize + p * NR;
            const int j0 = q * NR;
            if (j0 + NR <= nc) {
#pragma GCC unroll 16
                for (int j = 0; j < NR; ++j)
                    dst[j] = src[j0 + j];
            } else {
                for (int j = 0; j < NR; ++j)
                    dst[j] = j0 + j < nc ? src[j0 + j] : 0.0;
            }
        }
    }
}

// The same layouts copied with AVX-512F (x86_avx512/pack_avx512.cpp, x86-64 builds only): for the
// AVX-512 micro-kernels, which run only on CPUs that have it. Built for the tiles of those kernels
// (MR 6, 8, 14, 28; NR 8, 16, 24, 32).
template <int MR>
void packAAvx512(int mc, int kc, const double* a, int lda, double* ap);
template <int NR>
void packBAvx512(int first, int last, int nc, int kc, const double* b, int ldb, double* bp);

// Packing buffers are large (the B block is several MiB) and read all over for every block of
// A: on Linux they are backed by transparent huge pages where the system allows it, so that
// walking them does not miss the TLB at every 4 KiB page.
MatrixBuffer allocatePackingBuffer(std::size_t elems);

// One set of packing buffers per calling thread, kept between calls and only grown: no
// allocation in the loops, and none at all once the largest product has run once.
struct Workspace {
    std::vector<MatrixBuffer> shared; // one block per thread group (B's KC x NC or A's MC x KC)
    std::vector<MatrixBuffer> own;    // one block per OpenMP thread (the other operand's)
    std::size_t sharedSize = 0, ownSize = 0;

    bool reserve(int threads, int groups, std::size_t ownElems, std::size_t sharedElems) {
        return grow(shared, sharedSize, groups, sharedElems) &&
               grow(own, ownSize, threads, ownElems);
    }

private:
    // At least `count` buffers of at least `elems` each; a failed allocation leaves size 0.
    static bool grow(std::vector<MatrixBuffer>& buffers, std::size_t& size, int count,
                     std::size_t elems) {
        if (elems > size || static_cast<int>(buffers.size()) < count) {
            size = std::max(elems, size);
            buffers.clear();
            for (int i = 0; i < count; ++i) {
                buffers.push_back(allocatePackingBuffer(size));
                if (!buffers.back()) {
                    size = 0;
                    break;
                }
            }
        }
        return size != 0;
    }
};

} // namespace headroom::kernels::packing
