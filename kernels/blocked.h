// SPDX-License-Identifier: MIT
// Building blocks shared by the rungs "tiled", "dac" and "vectorized", so that each rung is one
// step from the one before instead of a copy of it: the tile sizes, the tiled block loop (the
// "tiled" rung, also the base case of "dac") and the divide-and-conquer driver (the "dac" rung,
// also the frame of "vectorized"). Private to the kernels library.
#pragma once

#include "gemm.h"

namespace headroom::kernels {

// Tile sizes in elements, derived from the data caches.
struct Tiles {
    int rows = 256;   // rows of A and C handled together (one parallel work item in "tiled")
    int depth = 128;  // rows of B (columns of A) per block
    int cols = 256;   // columns of B and C per block
    int cutoff = 256; // divide and conquer stops when no dimension exceeds this
    int l2Side = 144; // three l2Side x l2Side blocks fit in L2 (a leaf that does not block)
};

// Sizes from caches.l1d / caches.l2 (0 = unknown: 32 KiB and 512 KiB are assumed, a size every
// x86-64 and arm64 core of the last decade meets or exceeds, so the tiles then still fit).
Tiles tilesFor(const CacheInfo& caches);

// One block product on sub-matrices with leading dimensions: C (m x n) = A (m x k) * B (k x n)
// when overwrite, else C += A * B. C may hold NaN on entry when overwrite is set.
using BlockFn = void (*)(int m, int n, int k, const double* a, int lda, const double* b, int ldb,
                         double* c, int ldc, bool overwrite, const Tiles& tiles);

// The "tiled" rung's block loop: i-k-j order inside blocks of B (tiles.depth x tiles.cols)
// that stay in L2, one row strip of C (tiles.cols) in L1. Sequential.
void tiledBlock(int m, int n, int k, const double* a, int lda, const double* b, int ldb, double* c,
                int ldc, bool overwrite, const Tiles& tiles);

// The "dac" rung's driver: splits the largest of m, n, k in halves until none exceeds
// tiles.cutoff (and m or n further until each thread has two leaves), runs the halves of m and n
// splits as OpenMP tasks on args.threads threads and the halves of a k split one after the other
// (both write the same C), and calls `block` on the leaves. Checks args.cancelled() at every node.
void divideAndConquer(const GemmArgs& args, const Tiles& tiles, BlockFn block);

} // namespace headroom::kernels
