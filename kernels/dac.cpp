// SPDX-License-Identifier: MIT
// Rung "dac": parallel divide and conquer. The product is split in halves along its largest
// dimension until none exceeds the tiled loop's B block depth, and in m or n until every thread
// has two leaves; the leaves run the "tiled" block loop, which blocks for L1 and L2 itself. The
// recursion blocks for the larger caches (a half that fits in L3 is finished before the next is
// started), and OpenMP tasks balance the leaves over the cores dynamically.
#include "blocked.h"
#include "ladder.h"

#include <algorithm>
#include <cstddef>

namespace headroom::kernels {

namespace {
struct Problem {
    const GemmArgs* args;
    const Tiles* tiles;
    BlockFn block;
    // A leaf that fits the caches is still split (in m or n) while its share of C is larger
    // than this, so that every thread gets work at small n: below the cutoff (256 here) the
    // whole product was one leaf, run by one thread, at half of "tiled"'s speed on 2 cores.
    long long leafArea;
};

// Leaves are not cut below this side: the tasks would cost more than they compute.
constexpr int kMinLeafSide = 16;

// Where to cut a dimension: near the middle, on a multiple of 8 when that is possible, so that
// the leaves start on 64-byte boundaries of a row whenever the matrix rows do.
int half(int d) {
    const int h = d / 2;
    return h >= 16 ? h / 8 * 8 : h;
}

// Each split waits for its halves with a taskgroup, not a taskwait. A thread at a taskwait
// runs only its own child tasks (libgomp), so once the other thread had taken the child, the
// waiting thread sat idle while work it could have taken (grandchildren) was queued: on 2 cores
// one thread was busy 20-25 % less than the other, and the rung ran at 0.85-0.88x "tiled" at
// n = 1024 and 2048. At a taskgroup's end a thread runs any task of the group, descendants
// included: both threads then stay busy to within a few per cent, and the rung runs at "tiled"'s
// speed.
void recurse(const Problem& pr, int m, int n, int k, const double* a, const double* b, double* c,
             bool overwrite) {
    const GemmArgs& args = *pr.args;
    if (args.cancelled())
        return;
    const int ld = args.n;
    const int cutoff = pr.tiles->cutoff;
    enum class Cut { None, M, N, K } cut;
    if (m <= cutoff && n <= cutoff && k <= cutoff)
        cut = static_cast<long long>(m) * n > pr.leafArea && std::max(m, n) >= 2 * kMinLeafSide
                  ? (m >= n ? Cut::M : Cut::N)
                  : Cut::None;
    else
        cut = m >= n && m >= k ? Cut::M : n >= k ? Cut::N : Cut::K;
    if (cut == Cut::None) {
        pr.block(m, n, k, a, ld, b, ld, c, ld, overwrite, *pr.tiles);
        return;
    }
    if (cut == Cut::M) {
        const int h = half(m);
        const std::ptrdiff_t off = std::ptrdiff_t(h) * ld;
#pragma omp taskgroup
        {
#pragma omp task default(none) firstprivate(pr, h, n, k, a, b, c, overwrite)
            recurse(pr, h, n, k, a, b, c, overwrite);
            recurse(pr, m - h, n, k, a + off, b, c + off, overwrite);
        }
    } else if (cut == Cut::N) {
        const int h = half(n);
#pragma omp taskgroup
        {
#pragma omp task default(none) firstprivate(pr, h, m, k, a, b, c, overwrite)
            recurse(pr, m, h, k, a, b, c, overwrite);
            recurse(pr, m, n - h, k, a, b + h, c + h, overwrite);
        }
    } else {
        // Both halves of k add into the same C: one after the other (each waits for its own
        // tasks before returning), so no two tasks ever write the same element.
        const int h = half(k);
        recurse(pr, m, n, h, a, b, c, overwrite);
        recurse(pr, m, n, k - h, a + h, b + std::ptrdiff_t(h) * ld, c, false);
    }
}
} // namespace

void divideAndConquer(const GemmArgs& args, const Tiles& tiles, BlockFn block) {
    if (args.n <= 0)
        return;
    const int threads = std::max(1, args.threads);
    // Two leaves per thread at least, as the tasks let a thread that finishes early take more.
    const long long area = static_cast<long long>(args.n) * args.n;
    const Problem pr{&args, &tiles, block, std::max(1LL, area / (2LL * threads))};
#pragma omp parallel num_threads(threads)
#pragma omp single
    recurse(pr, args.n, args.n, args.n, args.a, args.b, args.c, true);
}

void gemm_dac(const GemmArgs& args) {
    divideAndConquer(args, tilesFor(args.caches), tiledBlock);
}

} // namespace headroom::kernels
