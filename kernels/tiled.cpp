// SPDX-License-Identifier: MIT
// Rung "tiled": the -O3 parallel i-k-j loop of "parallel", cut into blocks sized to the caches.
// A block of B (depth x cols) is loaded into L2 once and then reused by every row of a row
// block, and the row strip of C that the inner loop updates stays in L1, instead of streaming
// all of B from memory for every row of C.
#include "blocked.h"
#include "ladder.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace headroom::kernels {

namespace {
constexpr std::size_t kAssumedL1d = 32 * 1024;
constexpr std::size_t kAssumedL2 = 512 * 1024;

// Sizes outside this range are not data caches of a core we can run on: take the assumption.
std::size_t sane(std::size_t bytes, std::size_t lo, std::size_t hi, std::size_t fallback) {
    return bytes >= lo && bytes <= hi ? bytes : fallback;
}

int roundDown(std::size_t v, int multiple, int lo, int hi) {
    const int r = static_cast<int>(std::min<std::size_t>(v, static_cast<std::size_t>(hi)));
    return std::clamp(r / multiple * multiple, lo, hi);
}
} // namespace

Tiles tilesFor(const CacheInfo& caches) {
    const std::size_t l1 = sane(caches.l1d, 8 * 1024, 1024 * 1024, kAssumedL1d);
    const std::size_t l2 = sane(caches.l2, 64 * 1024, 64 * 1024 * 1024, kAssumedL2);
    Tiles t;
    // The C strip uses 1/32 of L1 (128 doubles of a 32 KiB L1): the B rows streamed past it,
    // and the other hyper-thread, get the rest without evicting it. Shorter strips also mean
    // shorter B rows, which the L2 prefetcher follows better: on Zen 3 at n = 512, 1/32 ran at
    // 1.0-1.03x "parallel" and 1/16 at 0.93x, in runs interleaved with it (at n = 2048 both beat
    // it, 1/32 by 2.7x and 1/16 by 2.4x).
    t.cols = roundDown(l1 / 32 / sizeof(double), 8, 64, 2048);
    // The B block takes half of L2; the A row pieces and C strips stream through the other half.
    t.depth = roundDown(l2 / 2 / sizeof(double) / static_cast<std::size_t>(t.cols), 8, 16, 2048);
    // Every row of a row block reuses the copied B block, so the copy costs 1/rows of the work:
    // 256 rows keep it near 1 %. The rows need not fit in a cache (each C strip and A piece is
    // touched once per block, for depth x cols multiply-adds); the cap keeps a row block, the
    // unit of work and of cancellation, under a second or so at large n.
    t.rows = 256;
    // Divide and conquer stops where this block loop's own blocking takes over: its leaves
    // run tiledBlock, which keeps a C strip in L1 and a B block in L2 by itself. Splitting k
    // below one B block's depth only adds passes over C, and m and n below it only adds tasks
    // (on Zen 3 at n = 512 on 2 cores, leaves of 128 ran at 0.89x "tiled", leaves of 256 at
    // 1.0x, interleaved).
    t.cutoff = std::clamp(t.depth, 32, 1024);
    // A leaf that does not block for the caches itself ("vectorized") must fit in L2 as a whole:
    // three c x c blocks with a little to spare.
    t.l2Side = roundDown(static_cast<std::size_t>(std::sqrt(double(l2) / (3 * sizeof(double)))), 16,
                         32, 512);
    return t;
}

void tiledBlock(int m, int n, int k, const double* a, int lda, const double* b, int ldb, double* c,
                int ldc, bool overwrite, const Tiles& tiles) {
    if (overwrite)
        for (int i = 0; i < m; ++i)
            std::fill_n(c + std::ptrdiff_t(i) * ldc, n, 0.0);
    // Each block of B is copied to a contiguous buffer before the rows of A use it. In place,
    // its rows lie ldb doubles apart, and when ldb is a power of two (n = 512, 1024 ...) they
    // all fall into the same few cache sets: a block sized to fit in L2 then evicts itself
    // (Lam, Rothberg & Wolf, 1991). The copy is one pass over the block, repaid by the m rows
    // that reuse it. One buffer per thread, grown once, so the hot path does not allocate.
    thread_local std::vector<double> block;
    block.resize(std::size_t(tiles.depth) * std::size_t(tiles.cols));
    for (int j0 = 0; j0 < n; j0 += tiles.cols) {
        const int nj = std::min(tiles.cols, n - j0);
        for (int p0 = 0; p0 < k; p0 += tiles.depth) {
            const int np = std::min(tiles.depth, k - p0);
            for (int p = 0; p < np; ++p)
                std::copy_n(b + std::ptrdiff_t(p0 + p) * ldb + j0, nj,
                            block.data() + std::ptrdiff_t(p) * nj);
            for (int i = 0; i < m; ++i) {
                double* __restrict ci = c + std::ptrdiff_t(i) * ldc + j0;
                const double* ai = a + std::ptrdiff_t(i) * lda + p0;
                for (int p = 0; p < np; ++p) {
                    const double aip = ai[p];
                    const double* __restrict bp = block.data() + std::ptrdiff_t(p) * nj;
                    for (int j = 0; j < nj; ++j)
                        ci[j] += aip * bp[j];
                }
            }
        }
    }
}

CacheBlocking cacheBlockingFor(const CacheInfo& caches) {
    const Tiles t = tilesFor(caches);
    return {t.rows, t.depth, t.cols, t.cutoff, t.l2Side};
}

void gemm_tiled(const GemmArgs& args) {
    const int n = args.n;
    if (n <= 0)
        return;
    const Tiles tiles = tilesFor(args.caches);
    // Row blocks are the work items: never fewer than there are threads.
    const int threads = std::max(1, args.threads);
    const int rows = std::clamp((n + threads - 1) / threads, 1, tiles.rows);
    const int blocks = (n + rows - 1) / rows;
#pragma omp parallel for schedule(static) num_threads(threads)
    for (int blk = 0; blk < blocks; ++blk) {
        if (args.cancelled())
            continue; // a worksharing loop cannot break; skipping the rest ends it quickly
        const int i0 = blk * rows;
        const std::ptrdiff_t off = std::ptrdiff_t(i0) * n;
        tiledBlock(std::min(rows, n - i0), n, n, args.a + off, n, args.b, n, args.c + off, n, true,
                   tiles);
    }
}

} // namespace headroom::kernels
