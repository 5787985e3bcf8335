// SPDX-License-Identifier: MIT
// The micro-kernel rung's five loops in portable C++ (no intrinsics here; those live in the ISA
// folders), in both loop orders (microkernel.h: LoopOrder):
//
//   outer (shared blocks)      B sliver in L1: NC columns of B, A sliver in L1: MC rows of A.
//                              A thread group packs one KC x NC block of B (or MC x KC panel
//                              of A) together and shares it (threadGridFor)
//     pc (KC of the shared dimension)
//       inner (own blocks)     MC rows of A (or NC columns of B) at a time, taken by the
//                              group's threads from a counter; each packs its own block (L2)
//         loops 2 and 1        the sliver that stays in L1 against the slivers streaming past
//           micro-kernel       MR x NR of C in registers, kc rank-1 updates
#include "fiveloops.h"

#include "matrix.h"

#include <omp.h>

#include <algorithm>
#include <memory>
#include <thread>
#include <vector>

namespace headroom::kernels {

namespace loops {

namespace {

using packing::Workspace;

bool cancelled(const std::atomic<bool>* cancel) {
    return cancel && cancel->load(std::memory_order_relaxed);
}

// One step of a wait on another thread: spins briefly, then yields the core, so that on a busy
// machine the waiter does not burn the time slice the thread it waits for needs.
void pause(int& spins) {
    if (++spins > 256)
        std::this_thread::yield();
}

// The team's barrier between the B packing and its use, and before B is packed again. It spins
// briefly and then yields the core: on a busy machine a waiting thread would otherwise burn the
// time slice its descheduled partner needs (an OpenMP barrier spins for a long while first).
// The thread that completes a barrier also samples the cancel flag, so that every thread leaves
// the loops at the same block.
class TeamBarrier {
public:
    explicit TeamBarrier(int threads, const std::atomic<bool>* cancel)
        : m_threads(threads)
        , m_cancel(cancel) {}

    // Returns true when the product was cancelled.
    bool wait() {
        const unsigned generation = m_generation.load(std::memory_order_acquire);
        if (m_arrived.fetch_add(1, std::memory_order_acq_rel) + 1 == m_threads) {
            m_arrived.store(0, std::memory_order_relaxed);
            m_stop.store(cancelled(m_cancel), std::memory_order_relaxed);
            m_generation.fetch_add(1, std::memory_order_release);
        } else {
            for (int spins = 0; m_generation.load(std::memory_order_acquire) == generation;)
                pause(spins);
        }
        return m_stop.load(std::memory_order_relaxed);
    }

private:
    const int m_threads;
    const std::atomic<bool>* m_cancel;
    std::atomic<int> m_arrived{0};
    std::atomic<unsigned> m_generation{0};
    std::atomic<bool> m_stop{false};
};
// One MR x NR tile of C from an A sliver and a B sliver. An edge tile (mr < MR or nr < NR): the
// packed slivers are zero-padded, so the full tile is computed into `edge` and only its valid
// part is written to C.
[[gnu::always_inline]] inline void tile(const MicrokernelEntry& uk, int kc, const double* aSliver,
                                        const double* bSliver, double* cTile, int ldc, int mr,
                                        int nr, bool accumulate, double* edge) {
    if (mr == uk.mr && nr == uk.nr) {
        uk.fn(kc, aSliver, bSliver, cTile, ldc, accumulate);
        return;
    }
    uk.fn(kc, aSliver, bSliver, edge, uk.nr, false);
    for (int i = 0; i < mr; ++i)
        for (int j = 0; j < nr; ++j)
            cTile[static_cast<std::size_t>(i) * ldc + j] =
                (accumulate ? cTile[static_cast<std::size_t>(i) * ldc + j] : 0.0) +
                edge[i * uk.nr + j];
}

// Loops 2 and 1 (jr, ir) with the B sliver in L1: for one packed MC x KC block of A (in L2) and
// the packed KC x NC block of B, updating the mc x nc block of C.
void macroKernelBInL1(const MicrokernelEntry& uk, int mc, int nc, int kc, const double* ap,
                      const double* bp, double* c, int ldc, bool accumulate) {
    const int MR = uk.mr, NR = uk.nr;
    alignas(64) double edge[kMaxTile];
    // The next B sliver is fetched into L2 a slice at a time while the ir loop works on the
    // current one, so that the first micro-kernel of the next jr step does not wait on L3.
    const int sliverLines = kc * NR * static_cast<int>(sizeof(double)) / 64;
    const int linesPerTile = ceilDiv(sliverLines, ceilDiv(mc, MR));
    for (int jr = 0; jr < nc; jr += NR) {
        const int nr = std::min(NR, nc - jr);
        const double* bSliver = bp + static_cast<std::size_t>(jr) * kc;
        const double* bNext = jr + NR < nc ? bSliver + static_cast<std::size_t>(NR) * kc : nullptr;
        for (int ir = 0; ir < mc; ir += MR) {
            if (bNext) {
                const int first = ir / MR * linesPerTile;
                const int last = std::min(sliverLines, first + linesPerTile);
                for (int line = first; line < last; ++line)
                    __builtin_prefetch(bNext + line * 8, 0, 2);
            }
            if (accumulate) {
                // The next tile's C into L2 while this one runs: a tile of FMAs (about a
                // thousand cycles) covers a miss to memory and a page walk, which the
                // micro-kernel's own late prefetch into L1 does not.
                const int nextIr = ir + MR < mc ? ir + MR : 0;
                const int nextJr = ir + MR < mc ? jr : jr + NR;
                if (nextJr < nc) {
                    const double* next = c + static_cast<std::size_t>(nextIr) * ldc + nextJr;
                    const int rows = std::min(MR, mc - nextIr);
                    const int width = std::min(NR, nc - nextJr);
                    for (int i = 0; i < rows; ++i)
                        for (int j = 0; j < width + 7; j += 8)
                            __builtin_prefetch(next + static_cast<std::size_t>(i) * ldc +
                                                   std::min(j, width - 1),
                                               1, 2);
                }
            }
            tile(uk, kc, ap + static_cast<std::size_t>(ir) * kc, bSliver,
                 c + static_cast<std::size_t>(ir) * ldc + jr, ldc, std::min(MR, mc - ir), nr,
                 accumulate, edge);
        }
    }
}

// Loops 2 and 1 (ir, jr) with the A sliver in L1: for the packed MC x KC panel of A and one
// packed KC x NC block of B (in L2), updating the mc x nc block of C along its rows. C needs no
// software prefetch here: each row of the tiles is read in order, which the hardware follows.
void macroKernelAInL1(const MicrokernelEntry& uk, int mc, int nc, int kc, const double* ap,
                      const double* bp, double* c, int ldc, bool accumulate) {
    const int MR = uk.mr, NR = uk.nr;
    alignas(64) double edge[kMaxTile];
    for (int ir = 0; ir < mc; ir += MR) {
        const int mr = std::min(MR, mc - ir);
        const double* aSliver = ap + static_cast<std::size_t>(ir) * kc;
        double* cRows = c + static_cast<std::size_t>(ir) * ldc;
        for (int jr = 0; jr < nc; jr += NR)
            tile(uk, kc, aSliver, bp + static_cast<std::size_t>(jr) * kc, cRows + jr, ldc, mr,
                 std::min(NR, nc - jr), accumulate, edge);
    }
}

// A correct, slow product for the one case the packed path cannot serve: packing buffers that
// could not be allocated.
void unpackedFallback(int m, int n, int k, const double* a, int lda, const double* b, int ldb,
                      double* c, int ldc) {
    for (int i = 0; i < m; ++i) {
        double* row = c + static_cast<std::size_t>(i) * ldc;
        std::fill(row, row + n, 0.0);
        for (int p = 0; p < k; ++p) {
            const double aip = a[static_cast<std::size_t>(i) * lda + p];
            const double* brow = b + static_cast<std::size_t>(p) * ldb;
            for (int j = 0; j < n; ++j)
                row[j] += aip * brow[j];
        }
    }
}
// One KC step of a group: the columns (B sliver in L1) or rows (A sliver in L1) its shared block
// covers, and the depth.
struct Step {
    int outer = 0, pc = 0, count = 0, kc = 0;
};

// What the threads of one group share: the barrier around their shared block, and the next of
// their own blocks to take (dynamic assignment, so that a thread that was descheduled on a busy
// machine falls behind by at most a block).
//
// Threads whose own group has finished help the others: they take blocks of a group's open step
// from the same counter, with that group's shared block. The group opens a step once the block
// is packed and closes it when the counter is spent, then waits for the helpers still inside
// before it packs again. (On the 2-core VM this was written on, the two vCPUs are not equally
// fast: at n = 4096 the faster thread sat idle for 2-12 % of the product at the end.)
struct Group {
    explicit Group(int threads, const std::atomic<bool>* cancel)
        : barrier(threads, cancel) {}
    TeamBarrier barrier;
    std::atomic<int> nextBlock{0};
    Step step;                         // the open step: written by rank 0 while none is open
    int opened = 0;                    // rank 0's count of steps opened
    std::atomic<int> open{0};          // the open step's number; 0 while none is open
    std::atomic<int> helpers{0};       // helpers that may be inside the open step
    std::atomic<bool> finished{false}; // the group has done all its steps (or was cancelled)
};

// The dimensions of the two kinds of block for a loop order. The shared dimension is split among
// the thread groups and packed a block per group and KC step: the columns of B (NR panels, NC
// wide) with the B sliver in L1, the rows of A (MR panels, MC tall) with the A sliver in L1. The
// own dimension is the other one, packed per thread a block at a time.
struct Roles {
    int sharedExtent = 0, sharedTile = 0, sharedBlock = 0;
    int ownExtent = 0, ownTile = 0, ownBlock = 0;
};

// The work of one thread of the team: its group's steps, then help for the other groups.
struct TeamMember {
    const MicrokernelEntry& uk;
    bool aInL1;
    Roles r;
    int k, kc;
    const double* a;
    int lda;
    const double* b;
    int ldb;
    double* c;
    int ldc;
    const std::atomic<bool>* cancel;
    int rank, groupThreads; // this thread's place in its group, and the group's size
    int ownBlocks;          // how many own blocks a step is split into
    double* own;            // this thread's packing buffer

    int ownStart(int block) const {
        const int tiles = ceilDiv(r.ownExtent, r.ownTile);
        return std::min(r.ownExtent,
                        static_cast<int>(static_cast<long long>(block) * tiles / ownBlocks) *
                            r.ownTile);
    }

    // This thread's share of the step's shared block: whole panels, dealt out evenly.
    void packShared(const Step& st, double* shared) const {
        const int panels = ceilDiv(st.count, r.sharedTile);
        const int first = panels * rank / groupThreads, last = panels * (rank + 1) / groupThreads;
        if (!aInL1) {
            uk.packB(first, last, st.count, st.kc,
                     b + static_cast<std::size_t>(st.pc) * ldb + st.outer, ldb, shared);
            return;
        }
        const int row0 = first * uk.mr, rows = std::min(st.count, last * uk.mr) - row0;
        if (rows > 0)
            uk.packA(rows, st.kc, a + static_cast<std::size_t>(st.outer + row0) * lda + st.pc, lda,
                     shared + static_cast<std::size_t>(row0) * st.kc);
    }

    // One own block [begin, begin + count) of a step: packed, then loops 2 and 1. C is overwritten
    // by the first rank-kc update and accumulated by the others.
    void runOwnBlock(const Step& st, const double* shared, int begin, int count) const {
        const bool accumulate = st.pc > 0;
        if (aInL1) {
            uk.packB(0, ceilDiv(count, uk.nr), count, st.kc,
                     b + static_cast<std::size_t>(st.pc) * ldb + begin, ldb, own);
            macroKernelAInL1(uk, st.count, count, st.kc, shared, own,
                             c + static_cast<std::size_t>(st.outer) * ldc + begin, ldc, accumulate);
        } else {
            uk.packA(count, st.kc, a + static_cast<std::size_t>(begin) * lda + st.pc, lda, own);
            macroKernelBInL1(uk, count, st.count, st.kc, own, shared,
                             c + static_cast<std::size_t>(begin) * ldc + st.outer, ldc, accumulate);
        }
    }

    // Own blocks of a step (this thread's group's or, when helping, another's), taken in turn
    // from the owner's counter.
    void runBlocks(Group& owner, const Step& st, const double* shared) const {
        for (int block; (block = owner.nextBlock.fetch_add(1)) < ownBlocks;) {
            const int begin = ownStart(block), count = ownStart(block + 1) - begin;
            if (count > 0 && !cancelled(cancel))
                runOwnBlock(st, shared, begin, count);
        }
    }

    // The group's steps over [outerBegin, outerEnd) of the shared dimension, blocks of at most
    // `block`. Returns false when the product was cancelled.
    bool runGroup(Group& group, double* shared, int outerBegin, int outerEnd, int block) const {
        // Blocks of equal size: a last block of a few columns would pack all of the other
        // operand again for them (n = 4096 with NC = 4080 lost 5 % to a 16-column block on one
        // core of a Zen 5).
        const int blocks = std::max(1, ceilDiv(outerEnd - outerBegin, block));
        const int even = roundUp(ceilDiv(outerEnd - outerBegin, blocks), r.sharedTile);
        for (int outer = outerBegin; outer < outerEnd; outer += even)
            for (int pc = 0; pc < k; pc += kc) {
                const Step st{outer, pc, std::min(even, outerEnd - outer), std::min(kc, k - pc)};
                // The group packs its shared block in equal shares, then waits for the whole.
                packShared(st, shared);
                if (group.barrier.wait())
                    return false;
                if (rank == 0) {
                    group.step = st;
                    group.open.store(++group.opened);
                }
                runBlocks(group, st, shared);
                // The counter is spent: no helper may start on this step any more, and those
                // inside finish before anyone packs again.
                group.open.store(0);
                for (int spins = 0; group.helpers.load() != 0;)
                    pause(spins);
                const bool stop = group.barrier.wait();
                // Every thread of the group is past the block loop, and none takes a block of the
                // next step before rank 0 has reached the next barrier.
                if (rank == 0)
                    group.nextBlock.store(0, std::memory_order_relaxed);
                if (stop)
                    return false;
            }
        return true;
    }

    // Takes blocks of `owner`'s open steps until it has finished.
    void help(Group& owner, const double* ownerShared) const {
        for (int spins = 0;
             !owner.finished.load(std::memory_order_acquire) && !cancelled(cancel);) {
            const int number = owner.open.load();
            if (number == 0) {
                pause(spins);
                continue;
            }
            // Announce, then check that the step is still open: the owner closes it before it
            // reads the count (both sequentially consistent), so either it waits for this helper
            // or this helper sees it closed.
            owner.helpers.fetch_add(1);
            if (owner.open.load() == number)
                runBlocks(owner, owner.step, ownerShared);
            owner.helpers.fetch_sub(1);
            while (owner.open.load() == number && !owner.finished.load(std::memory_order_acquire))
                pause(spins);
        }
    }
};

} // namespace

void runFiveLoops(const MicrokernelEntry& uk, const Blocks& blocks, int m, int n, int k,
                  const double* a, int lda, const double* b, int ldb, double* c, int ldc,
                  int threads, const std::atomic<bool>* cancel) {
    if (m <= 0 || n <= 0)
        return;
    if (k <= 0) { // C = A * B with an empty shared dimension is zero
        for (int i = 0; i < m; ++i)
            std::fill(c + static_cast<std::size_t>(i) * ldc,
                      c + static_cast<std::size_t>(i) * ldc + n, 0.0);
        return;
    }
    const int MR = uk.mr, NR = uk.nr;
    const int kc = std::min(std::max(blocks.kc, 1), k);
    const int mc = std::min(roundUp(std::max(blocks.mc, 1), MR), roundUp(m, MR));
    const int nc = std::min(roundUp(std::max(blocks.nc, 1), NR), roundUp(n, NR));
    const bool aInL1 = blocks.order == LoopOrder::ASliverInL1;
    const Roles r = aInL1 ? Roles{m, MR, mc, n, NR, nc} : Roles{n, NR, nc, m, MR, mc};
    const int sharedPanels = ceilDiv(r.sharedExtent, r.sharedTile);
    const int ownTiles = ceilDiv(r.ownExtent, r.ownTile);
    // Groups split the shared dimension (jcWays of the grid), the threads of a group the own one.
    auto gridFor = [=](int team) {
        return aInL1 ? threadGridFor(team, n, m, NR, MR) : threadGridFor(team, m, n, MR, NR);
    };
    const ThreadGrid most = gridFor(threads); // no more threads than the product has tiles for
    threads = most.jcWays * most.icWays;
    // The blocking's shared block is what all groups' blocks together may take of the L3: each
    // group's gets its share but at least kMinSharedBlock (or the blocking's own when smaller),
    // and no more than its slice of the shared dimension.
    auto groupBlock = [=](int groups) {
        const int slice = ceilDiv(sharedPanels, groups) * r.sharedTile;
        const int floor = std::min(r.sharedBlock, kMinSharedBlock);
        return std::min(
            roundUp(std::max({r.sharedBlock / groups, floor, r.sharedTile}), r.sharedTile), slice);
    };
    // The own dimension is split into blocks of at most the blocking's size, as many as needed
    // rounded up to a multiple of the group's thread count. The tiles are dealt out evenly, so
    // that block sizes differ by at most one tile: equal shares when the threads run undisturbed
    // (blocks of one rounded-up size would leave the last block short and one thread a block
    // ahead: 4 % lost at n = 4096).
    auto ownBlocksFor = [=](int groupThreads) {
        return std::min(roundUp(ceilDiv(r.ownExtent, r.ownBlock), groupThreads), ownTiles);
    };

    thread_local Workspace ws;
    Workspace* const wsp = &ws; // thread_local: the team must use the caller's buffers
    std::vector<std::unique_ptr<Group>> groups;
    ThreadGrid grid;
    bool buffers = false;

#pragma omp parallel num_threads(threads)
    {
#pragma omp single
        {
            // OpenMP may grant fewer threads than asked: the grid is laid for the team it got.
            grid = gridFor(omp_get_num_threads());
            const int largestOwn = ceilDiv(ownTiles, ownBlocksFor(grid.icWays)) * r.ownTile;
            buffers = wsp->reserve(omp_get_num_threads(), grid.jcWays,
                                   static_cast<std::size_t>(largestOwn) * kc,
                                   static_cast<std::size_t>(kc) * groupBlock(grid.jcWays));
            for (int g = 0; g < grid.jcWays; ++g)
                groups.push_back(std::make_unique<Group>(grid.icWays, cancel));
        } // implicit barrier: every thread sees the grid and the buffers
        const int t = omp_get_thread_num();
        if (buffers && t < grid.jcWays * grid.icWays) {
            const int g = t / grid.icWays;
            const TeamMember me{uk,
                                aInL1,
                                r,
                                k,
                                kc,
                                a,
                                lda,
                                b,
                                ldb,
                                c,
                                ldc,
                                cancel,
                                t % grid.icWays,
                                grid.icWays,
                                ownBlocksFor(grid.icWays),
                                wsp->own[t].get()};
            // This group's part of the shared dimension: whole panels, dealt out evenly.
            const int begin =
                std::min(r.sharedExtent, sharedPanels * g / grid.jcWays * r.sharedTile);
            const int end =
                std::min(r.sharedExtent, sharedPanels * (g + 1) / grid.jcWays * r.sharedTile);
            const bool done =
                me.runGroup(*groups[g], wsp->shared[g].get(), begin, end, groupBlock(grid.jcWays));
            if (me.rank == 0)
                groups[g]->finished.store(true, std::memory_order_release);
            // Help the other groups until they finish.
            for (int other = 1; other < grid.jcWays && done; ++other) {
                const int h = (g + other) % grid.jcWays;
                me.help(*groups[h], wsp->shared[h].get());
            }
        }
    }
    if (!buffers)
        unpackedFallback(m, n, k, a, lda, b, ldb, c, ldc);
}

// A small product in one KC step on one thread, without packing: full tiles straight from A
// and B; edge tiles through zero-padded slivers packed on the fly and the packed kernel.
void runUnpacked(const MicrokernelEntry& uk, int m, int n, int k, const double* a, int lda,
                 const double* b, int ldb, double* c, int ldc) {
    const int MR = uk.mr, NR = uk.nr;
    thread_local MatrixBuffer aBuf, bBuf;
    thread_local std::size_t aSize = 0, bSize = 0;
    auto reserve = [](MatrixBuffer& buf, std::size_t& size, std::size_t elems) {
        if (elems > size) {
            buf = allocateMatrix(elems, 1);
            size = buf ? elems : 0;
        }
        return buf.get();
    };
    double* const ap = reserve(aBuf, aSize, static_cast<std::size_t>(MR) * k);
    double* const bp = reserve(bBuf, bSize, static_cast<std::size_t>(NR) * k);
    if (!ap || !bp) {
        unpackedFallback(m, n, k, a, lda, b, ldb, c, ldc);
        return;
    }
    alignas(64) double edge[kMaxTile];
    for (int jr = 0; jr < n; jr += NR) {
        const int nr = std::min(NR, n - jr);
        if (nr < NR)
            uk.packB(0, 1, nr, k, b + jr, ldb, bp);
        for (int ir = 0; ir < m; ir += MR) {
            const int mr = std::min(MR, m - ir);
            const double* aRows = a + static_cast<std::size_t>(ir) * lda;
            double* cTile = c + static_cast<std::size_t>(ir) * ldc + jr;
            if (mr == MR && nr == NR) {
                uk.unpacked(k, aRows, lda, b + jr, ldb, cTile, ldc);
                continue;
            }
            uk.packA(mr, k, aRows, lda, ap);
            if (nr == NR)
                uk.packB(0, 1, nr, k, b + jr, ldb, bp);
            uk.fn(k, ap, bp, edge, NR, false);
            for (int i = 0; i < mr; ++i)
                std::copy(edge + i * NR, edge + i * NR + nr,
                          cTile + static_cast<std::size_t>(i) * ldc);
        }
    }
}

} // namespace loops

ThreadGrid threadGridFor(int threads, int m, int n, int mr, int nr) {
    using loops::ceilDiv;
    const int MR = mr, NR = nr;
    const int tiles = ceilDiv(m, MR), panels = ceilDiv(n, NR);
    // Fewer threads than asked when the product is too small to give each one a tile.
    for (int nt = std::max(threads, 1); nt > 1; --nt) {
        ThreadGrid best;
        double bestAspect = 0;
        for (int jc = nt; jc >= 1; --jc) { // from most column groups down: ties keep the first
            const int ic = nt / jc;
            if (nt % jc != 0 || jc > panels || ic > tiles)
                continue;
            // (m / ic) / (n / jc), without dividing: both sides exact in double
            const double rows = static_cast<double>(m) * jc, cols = static_cast<double>(n) * ic;
            const double aspect = std::max(rows, cols) / std::min(rows, cols);
            if (bestAspect == 0 || aspect < bestAspect) {
                best = {jc, ic};
                bestAspect = aspect;
            }
        }
        if (bestAspect != 0)
            return best;
    }
    return {};
}

} // namespace headroom::kernels
