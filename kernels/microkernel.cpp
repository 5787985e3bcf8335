// SPDX-License-Identifier: MIT
// The micro-kernel rung: the BLIS five loops in portable C++ (no intrinsics here; those live in
// the ISA folders), the block sizes derived from the cache sizes, and the dispatch.
#include "microkernel.h"

#include "ladder.h"
#include "matrix.h"
#include "packing.h"

#include <omp.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace headroom::kernels {

namespace {

using packing::packA;
using packing::packAAvx512;
using packing::PackAFn;
using packing::packB;
using packing::packBAvx512;
using packing::PackBFn;
using packing::Workspace;

// The registry of micro-kernels: what each one is, the ISA it needs, and the packing routines
// for its register tile. Best first; the generic one (last) runs everywhere.
struct MicrokernelEntry {
    Isa isa;
    const char* name;
    int mr, nr;
    DgemmMicrokernel fn;
    DgemmMicrokernelUnpacked unpacked; // nullptr: always packs
    PackAFn packA;                     // packA<mr>
    PackBFn packB;                     // packB<nr>
};

constexpr MicrokernelEntry kMicrokernels[] = {
#ifdef HEADROOM_X86_MICROKERNELS
    {Isa::Avx512, "dgemm_avx512_14x16", 14, 16, dgemm_avx512_14x16, dgemm_avx512_14x16_unpacked,
     packAAvx512<14>, packBAvx512<16>},
    {Isa::Avx512, "dgemm_avx512_8x24", 8, 24, dgemm_avx512_8x24, dgemm_avx512_8x24_unpacked,
     packAAvx512<8>, packBAvx512<24>},
    {Isa::Avx512, "dgemm_avx512_6x32", 6, 32, dgemm_avx512_6x32, dgemm_avx512_6x32_unpacked,
     packAAvx512<6>, packBAvx512<32>},
    {Isa::Avx512, "dgemm_avx512_28x8", 28, 8, dgemm_avx512_28x8, dgemm_avx512_28x8_unpacked,
     packAAvx512<28>, packBAvx512<8>},
    {Isa::Avx2, "dgemm_avx2_6x8", 6, 8, dgemm_avx2_6x8, nullptr, packA<6>, packB<8>},
#endif
    {Isa::Generic, "dgemm_generic_4x8", 4, 8, dgemm_generic_4x8, nullptr, packA<4>, packB<8>},
};
// The edge tile buffer must hold the largest register tile.
constexpr int kMaxTile = [] {
    int most = 0;
    for (const MicrokernelEntry& e : kMicrokernels)
        most = std::max(most, e.mr * e.nr);
    return most;
}();

const MicrokernelEntry* entryNamed(const std::string& name) {
    for (const MicrokernelEntry& e : kMicrokernels)
        if (name == e.name)
            return &e;
    return nullptr;
}

const MicrokernelEntry& entryFor(Isa isa) {
    for (const MicrokernelEntry& e : kMicrokernels)
        if (e.isa == isa)
            return e;
    return kMicrokernels[std::size(kMicrokernels) - 1]; // generic
}

constexpr int roundDown(int x, int multiple) {
    return x / multiple * multiple;
}
constexpr int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
}
constexpr int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
}

// Cache sizes the block sizes are derived from, with implausible values replaced by defaults
// typical of current x86 and Arm server cores (a VM's hwloc can report a 508 MB L3 per core).
struct UsableCaches {
    long long l1 = 0, l2 = 0, l3 = 0;
    std::string note;
};

UsableCaches usableCaches(const CacheInfo& caches) {
    constexpr long long KiB = 1024, MiB = 1024 * KiB;
    // Read once: glibc reads it from sysfs at every call, for microseconds.
    static const long long cores = std::max(1u, std::thread::hardware_concurrency());
    UsableCaches u;
    auto pick = [&u](long long value, long long lo, long long hi, long long fallback,
                     const char* name) {
        if (value >= lo && value <= hi)
            return value;
        u.note += std::string(u.note.empty() ? "" : "; ") + name +
                  (value == 0 ? " unknown" : " implausible") + ", assumed " +
                  std::to_string(fallback / KiB) + " KiB";
        return fallback;
    };
    u.l1 = pick(static_cast<long long>(caches.l1d), 4 * KiB, 4 * MiB, 32 * KiB, "L1d");
    u.l2 = pick(static_cast<long long>(caches.l2), 64 * KiB, 64 * MiB, 512 * KiB, "L2");
    // The L3 is optional (some Arm cores have none): 0 is not implausible, only unknown.
    u.l3 = pick(static_cast<long long>(caches.l3), 1 * MiB, 256 * MiB * cores, 8 * MiB, "L3");
    return u;
}

// The narrowest B block a group packs (see blockingFor).
constexpr int kMinNc = 4096;

struct Blocking {
    int kc, mc, nc;
    std::string note;
};

// The BLIS analytical model (Low et al., "Analytical modeling is enough for high-performance
// BLIS", TOMS 2016), simplified:
// - KC: the KC x NR sliver of B is reused by every MR x KC sliver of A in the ir loop, so it must
//   stay in L1 while A slivers stream through: the B sliver gets half of L1 (half of its ways),
//   and B sliver + A sliver at most 7/8 of it, leaving a way for the C tile.
// - MC: the MC x KC block of A is reused for every jr step, so it stays in (about half of) the
//   core's private L2.
// - NC: a KC x NC block of B is shared by the threads of a group and re-read for every ic block:
//   the groups' blocks together get half of the last-level cache (run() divides NC among them),
//   but each group's block is at least kMinNc wide. The L3 is where BLIS keeps the block, yet
//   it need not fit: re-reading it from memory once per MC rows of A costs 4 / MC bytes per
//   flop (about 1 GB/s at MC = 336 and 90 GFLOP/s). A narrow NC costs more: every jc block
//   packs all of A again, at copy speed and outside the micro-kernel, about 40 / NC of the
//   product on current cores (at n = 4096 with NC = 1344, from an 8 MiB L3 assumed when the
//   L3 is implausible, packing A took 3 % of the time on one core of a Xeon model 207 and 5 %
//   on two; 1 % and 1.5 % with NC = 4104).
// l1Share > 0 replaces the KC of the model by the one whose B sliver fills that share of L1 (what
// shipped AVX-512 kernels do: 75-110 %), l2Share is the share of L2 the A block fills.
Blocking blockingFor(int mr, int nr, const CacheInfo& caches, double l1Share = 0,
                     double l2Share = 0.5) {
    const UsableCaches u = usableCaches(caches);
    constexpr long long d = sizeof(double);
    Blocking b;
    b.kc = l1Share > 0
               ? static_cast<int>(static_cast<double>(u.l1) * l1Share / static_cast<double>(nr * d))
               : static_cast<int>(std::min(u.l1 / 2 / (nr * d), u.l1 * 7 / 8 / ((mr + nr) * d)));
    b.kc = std::clamp(roundDown(b.kc, 8), 64, 1024);
    b.mc = static_cast<int>(static_cast<double>(u.l2) * l2Share / static_cast<double>(b.kc * d));
    b.mc = std::clamp(roundDown(b.mc, mr), mr, roundDown(4096, mr));
    b.nc = static_cast<int>(u.l3 / 2 / (b.kc * d));
    b.nc = std::clamp(roundDown(b.nc, nr), roundUp(kMinNc, nr), roundDown(8192, nr));
    b.note = u.note;
    return b;
}

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

// Loops 2 and 1 (jr, ir) around the micro-kernel for one packed MC x KC block of A and the
// packed KC x NC block of B, updating the mc x nc block of C.
void macroKernel(const MicrokernelEntry& uk, int mc, int nc, int kc, const double* ap,
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
            const int mr = std::min(MR, mc - ir);
            const double* aSliver = ap + static_cast<std::size_t>(ir) * kc;
            if (bNext) {
                const int first = ir / MR * linesPerTile;
                const int last = std::min(sliverLines, first + linesPerTile);
                for (int line = first; line < last; ++line)
                    __builtin_prefetch(bNext + line * 8, 0, 2);
            }
            double* cTile = c + static_cast<std::size_t>(ir) * ldc + jr;
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
            if (mr == MR && nr == NR) {
                uk.fn(kc, aSliver, bSliver, cTile, ldc, accumulate);
                continue;
            }
            // Edge tile: the packed panels are zero-padded, so the full tile is computed into a
            // local buffer and only its valid part is written to C.
            uk.fn(kc, aSliver, bSliver, edge, NR, false);
            for (int i = 0; i < mr; ++i)
                for (int j = 0; j < nr; ++j)
                    cTile[static_cast<std::size_t>(i) * ldc + j] =
                        (accumulate ? cTile[static_cast<std::size_t>(i) * ldc + j] : 0.0) +
                        edge[i * NR + j];
        }
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

// One KC step of a group: the columns and depth its packed B block covers.
struct Step {
    int jc = 0, pc = 0, nc = 0, kc = 0;
};

// What the threads of one group share: the barrier around their B block, and the next block of
// rows to take (dynamic assignment, so that a thread that was descheduled on a busy machine
// falls behind by at most a block).
//
// Threads whose own group has finished help the others: they take blocks of a group's open step
// from the same counter, with that group's packed B. The group opens a step once its B block is
// packed and closes it when the counter is spent, then waits for the helpers still inside before
// it packs B again. (On the 2-core VM this was written on, the two vCPUs are not equally fast: at
// n = 4096 the faster thread sat idle for 2-12 % of the product at the end.)
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

// For a small product, the kernel of `chosen`'s ISA whose tiles pad m x n least: at n = 64 the
// padded edge tiles of a 24-wide tile are a third of the work, none for a 32- or 16-wide one.
const MicrokernelEntry& leastPadded(const MicrokernelEntry& chosen, int m, int n) {
    auto padded = [m, n](const MicrokernelEntry& e) {
        return static_cast<long long>(roundUp(m, e.mr)) * roundUp(n, e.nr);
    };
    const MicrokernelEntry* best = &chosen;
    for (const MicrokernelEntry& e : kMicrokernels)
        if (e.isa == chosen.isa && e.unpacked && padded(e) < padded(*best))
            best = &e;
    return *best;
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

void run(const MicrokernelEntry& uk, int kcBlock, int mcBlock, int ncBlock, int m, int n, int k,
         const double* a, int lda, const double* b, int ldb, double* c, int ldc, int threads,
         const std::atomic<bool>* cancel) {
    if (m <= 0 || n <= 0)
        return;
    if (k <= 0) { // C = A * B with an empty shared dimension is zero
        for (int i = 0; i < m; ++i)
            std::fill(c + static_cast<std::size_t>(i) * ldc,
                      c + static_cast<std::size_t>(i) * ldc + n, 0.0);
        return;
    }
    const int MR = uk.mr, NR = uk.nr;
    const int kc = std::min(std::max(kcBlock, 1), k);
    const int mc = std::min(roundUp(std::max(mcBlock, 1), MR), roundUp(m, MR));
    const int tiles = ceilDiv(m, MR), panels = ceilDiv(n, NR);
    // No more threads than the product has tiles for.
    const ThreadGrid most = threadGridFor(threads, m, n, MR, NR);
    threads = most.jcWays * most.icWays;
    // The NC of the blocking is what all B blocks together may take of the L3: each group's
    // block gets its share but at least kMinNc (blockingFor), and no more than its slice of the
    // columns.
    auto groupNc = [=](int jcWays) {
        const int slice = ceilDiv(panels, jcWays) * NR;
        return std::min(roundUp(std::max({ncBlock / jcWays, std::min(ncBlock, kMinNc), NR}), NR),
                        slice);
    };
    // Loop 3 is split into blocks of at most MC rows, as many as needed rounded up to a
    // multiple of the group's thread count. The MR-row tiles are dealt out evenly, so that block
    // sizes differ by at most one tile: equal shares when the threads run undisturbed (blocks of
    // one rounded-up size would leave the last block short and one thread a block ahead: 4 %
    // lost at n = 4096).
    auto icBlocksFor = [=](int icWays) { return std::min(roundUp(ceilDiv(m, mc), icWays), tiles); };

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
            grid = threadGridFor(omp_get_num_threads(), m, n, MR, NR);
            const int largestBlock = ceilDiv(tiles, icBlocksFor(grid.icWays)) * MR;
            buffers = wsp->reserve(omp_get_num_threads(), grid.jcWays,
                                   static_cast<std::size_t>(largestBlock) * kc,
                                   static_cast<std::size_t>(kc) * groupNc(grid.jcWays));
            for (int g = 0; g < grid.jcWays; ++g)
                groups.push_back(std::make_unique<Group>(grid.icWays, cancel));
        } // implicit barrier: every thread sees the grid and the buffers
        const int t = omp_get_thread_num();
        if (buffers && t < grid.jcWays * grid.icWays) {
            const int g = t / grid.icWays, rank = t % grid.icWays;
            Group& group = *groups[g];
            double* const bPack = wsp->b[g].get();
            double* const aPack = wsp->a[t].get();
            const int nc = groupNc(grid.jcWays);
            const int icBlocks = icBlocksFor(grid.icWays);
            auto blockStart = [=](int block) {
                return std::min(
                    m, static_cast<int>(static_cast<long long>(block) * tiles / icBlocks) * MR);
            };
            // Loop 3 (ic): blocks of at most MC rows of A and C, taken in turn from the group's
            // counter, for one step of a group (this thread's or, when helping, another's).
            auto runBlocks = [&](Group& owner, const Step& st, const double* bp) {
                for (int block; (block = owner.nextBlock.fetch_add(1)) < icBlocks;) {
                    const int ic = blockStart(block);
                    const int mcCur = blockStart(block + 1) - ic;
                    if (mcCur <= 0 || cancelled(cancel))
                        continue;
                    uk.packA(mcCur, st.kc, a + static_cast<std::size_t>(ic) * lda + st.pc, lda,
                             aPack);
                    // C is overwritten by the first rank-kc update and accumulated by the others.
                    macroKernel(uk, mcCur, st.nc, st.kc, aPack, bp,
                                c + static_cast<std::size_t>(ic) * ldc + st.jc, ldc, st.pc > 0);
                }
            };
            // This group's columns: whole NR panels, dealt out evenly.
            const int jcBegin = std::min(n, panels * g / grid.jcWays * NR);
            const int jcEnd = std::min(n, panels * (g + 1) / grid.jcWays * NR);
            bool stop = false;
            // Loop 5 (jc): at most NC columns of B and C at a time, in blocks of equal size: a
            // last block of a few columns would pack all of A again for them (n = 4096 with
            // NC = 4080 lost 5 % to a 16-column block on one core of a Zen 5).
            const int jcBlocks = std::max(1, ceilDiv(jcEnd - jcBegin, nc));
            const int ncEven = roundUp(ceilDiv(jcEnd - jcBegin, jcBlocks), NR);
            for (int jc = jcBegin; jc < jcEnd && !stop; jc += ncEven) {
                const int ncCur = std::min(ncEven, jcEnd - jc);
                const int bPanels = ceilDiv(ncCur, NR);
                // Loop 4 (pc): KC of the shared dimension at a time.
                for (int pc = 0; pc < k && !stop; pc += kc) {
                    const Step st{jc, pc, ncCur, std::min(kc, k - pc)};
                    // The group packs its B block in equal shares, then waits for the whole.
                    uk.packB(bPanels * rank / grid.icWays, bPanels * (rank + 1) / grid.icWays,
                             st.nc, st.kc, b + static_cast<std::size_t>(pc) * ldb + jc, ldb, bPack);
                    stop = group.barrier.wait();
                    if (stop)
                        break;
                    if (rank == 0) {
                        group.step = st;
                        group.open.store(++group.opened);
                    }
                    runBlocks(group, st, bPack);
                    // The counter is spent: no helper may start on this step any more, and
                    // those inside finish before anyone packs B again.
                    group.open.store(0);
                    for (int spins = 0; group.helpers.load() != 0;)
                        pause(spins);
                    stop = group.barrier.wait();
                    // Every thread of the group is past the block loop, and none takes a block
                    // of the next step before rank 0 has reached the next barrier.
                    if (rank == 0)
                        group.nextBlock.store(0, std::memory_order_relaxed);
                }
            }
            if (rank == 0)
                group.finished.store(true, std::memory_order_release);
            // Help the other groups until they finish.
            for (int other = 1; other < grid.jcWays && !stop; ++other) {
                const int h = (g + other) % grid.jcWays;
                Group& owner = *groups[h];
                const double* const ownerB = wsp->b[h].get();
                for (int spins = 0;
                     !owner.finished.load(std::memory_order_acquire) && !cancelled(cancel);) {
                    const int number = owner.open.load();
                    if (number == 0) {
                        pause(spins);
                        continue;
                    }
                    // Announce, then check that the step is still open: the owner closes it
                    // before it reads the count (both sequentially consistent), so either it
                    // waits for this helper or this helper sees it closed.
                    owner.helpers.fetch_add(1);
                    if (owner.open.load() == number)
                        runBlocks(owner, owner.step, ownerB);
                    owner.helpers.fetch_sub(1);
                    while (owner.open.load() == number &&
                           !owner.finished.load(std::memory_order_acquire))
                        pause(spins);
                }
            }
        }
    }
    if (!buffers)
        unpackedFallback(m, n, k, a, lda, b, ldb, c, ldc);
}

} // namespace

ThreadGrid threadGridFor(int threads, int m, int n, int mr, int nr) {
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

namespace {

MicrokernelChoice modelChoice(const MicrokernelEntry& e, const CacheInfo& caches,
                              double l1Share = 0, double l2Share = 0.5) {
    const Blocking bl = blockingFor(e.mr, e.nr, caches, l1Share, l2Share);
    MicrokernelChoice choice;
    choice.kernelName = e.name;
    choice.isaId = e.isa;
    choice.isa = isaName(e.isa);
    choice.mr = e.mr;
    choice.nr = e.nr;
    choice.kc = bl.kc;
    choice.mc = bl.mc;
    choice.nc = bl.nc;
    choice.note = bl.note;
    return choice;
}

std::mutex tunedMutex;
std::optional<MicrokernelChoice> tunedChoice;

} // namespace

std::vector<MicrokernelInfo> microkernels() {
    std::vector<MicrokernelInfo> list;
    for (const MicrokernelEntry& e : kMicrokernels)
        list.push_back({e.name, e.isa, e.mr, e.nr});
    return list;
}

std::optional<MicrokernelChoice> microkernelChoiceNamed(const std::string& name,
                                                        const CacheInfo& caches, double l1Share,
                                                        double l2Share) {
    if (const MicrokernelEntry* e = entryNamed(name))
        return modelChoice(*e, caches, l1Share, l2Share);
    return std::nullopt;
}

void setTunedMicrokernel(std::optional<MicrokernelChoice> choice) {
    const std::lock_guard lock(tunedMutex);
    tunedChoice = std::move(choice);
}

std::optional<MicrokernelChoice> tunedMicrokernel() {
    const std::lock_guard lock(tunedMutex);
    return tunedChoice;
}

MicrokernelChoice microkernelChoiceFor(Isa isa, const CacheInfo& caches) {
    const MicrokernelEntry& e = entryFor(isa);
    MicrokernelChoice choice = modelChoice(e, caches);
    if (e.isa != isa)
        choice.note =
            std::string(isaName(isa)) + " kernel not built for this target; " + choice.note;
    return choice;
}

MicrokernelChoice microkernelChoice(const CacheInfo& caches) {
    std::string isaNote;
    const Isa isa = selectedIsa(&isaNote);
    std::optional<MicrokernelChoice> tuned = tunedMicrokernel();
    MicrokernelChoice choice =
        tuned && tuned->isaId == isa ? *tuned : microkernelChoiceFor(isa, caches);
    if (std::getenv("HEADROOM_ISA") && isaNote.find("forces") != std::string::npos)
        choice.how = "forced by HEADROOM_ISA";
    if (!isaNote.empty())
        choice.note = isaNote + (choice.note.empty() ? "" : "; ") + choice.note;
    return choice;
}

void dgemm_packed_with(const MicrokernelChoice& choice, int m, int n, int k, const double* a,
                       int lda, const double* b, int ldb, double* c, int ldc, int threads,
                       const std::atomic<bool>* cancel) {
    const MicrokernelEntry* named = entryNamed(choice.kernelName);
    const MicrokernelEntry& e =
        named && isaSupported(named->isa)
            ? *named
            : entryFor(isaSupported(choice.isaId) ? choice.isaId : Isa::Generic);
    // Below the crossover a team costs more than it saves: one thread, and when the product
    // fits one KC step, no packing either.
    if (static_cast<double>(m) * n * k < choice.serialBelow) {
        if (e.unpacked && m > 0 && n > 0 && k > 0 && k <= choice.kc) {
            runUnpacked(leastPadded(e, m, n), m, n, k, a, lda, b, ldb, c, ldc);
            return;
        }
        threads = 1;
    }
    run(e, choice.kc, choice.mc, choice.nc, m, n, k, a, lda, b, ldb, c, ldc, threads, cancel);
}

void dgemm_packed_isa(Isa isa, int m, int n, int k, const double* a, int lda, const double* b,
                      int ldb, double* c, int ldc, int threads, const CacheInfo& caches,
                      const std::atomic<bool>* cancel) {
    dgemm_packed_with(microkernelChoiceFor(isaSupported(isa) ? isa : Isa::Generic, caches), m, n, k,
                      a, lda, b, ldb, c, ldc, threads, cancel);
}

void dgemm_packed(int m, int n, int k, const double* a, int lda, const double* b, int ldb,
                  double* c, int ldc, int threads, const CacheInfo& caches,
                  const std::atomic<bool>* cancel) {
    // The ISA is chosen once per process: the CPU does not change, and neither should the
    // kernel between the repetitions of a benchmark.
    static const Isa isa = selectedIsa();
    const std::optional<MicrokernelChoice> tuned = tunedMicrokernel();
    if (tuned && tuned->isaId == isa)
        dgemm_packed_with(*tuned, m, n, k, a, lda, b, ldb, c, ldc, threads, cancel);
    else
        dgemm_packed_isa(isa, m, n, k, a, lda, b, ldb, c, ldc, threads, caches, cancel);
}

void gemm_microkernel(const GemmArgs& args) {
    dgemm_packed(args.n, args.n, args.n, args.a, args.n, args.b, args.n, args.c, args.n,
                 args.threads, args.caches, args.cancel);
}

} // namespace headroom::kernels
