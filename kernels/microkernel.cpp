// SPDX-License-Identifier: MIT
// The micro-kernel rung: the registry of micro-kernels, the block sizes derived from the cache
// sizes, and the dispatch. The five loops live in fiveloops.cpp, the micro-kernels in the ISA
// folders.
#include "microkernel.h"

#include "fiveloops.h"
#include "ladder.h"
#include "packing.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace headroom::kernels {

namespace {

using loops::kMinSharedBlock;
using loops::MicrokernelEntry;
using loops::roundDown;
using loops::roundUp;
using packing::packA;
using packing::packAAvx512;
using packing::packB;
using packing::packBAvx512;

// The registry of micro-kernels, best first; the generic one (last) runs everywhere.
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
static_assert(
    [] {
        for (const MicrokernelEntry& e : kMicrokernels)
            if (e.mr * e.nr > loops::kMaxTile)
                return false;
        return true;
    }(),
    "the edge tile buffer of the five loops must hold every register tile");

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

struct Blocking {
    int kc, mc, nc;
    std::string note;
};

// The BLIS analytical model (Low et al., "Analytical modeling is enough for high-performance
// BLIS", TOMS 2016), simplified, for either loop order. "The sliver" is the one that stays in L1
// (B's KC x NR, or A's MR x KC), "the block" the one kept in L2 (A's MC x KC, or B's KC x NC),
// "the shared block" the one a thread group shares (B's KC x NC, or A's MC x KC panel):
// - KC: the sliver is reused by every sliver streaming past it in loop 1, so it stays in L1: it
//   gets half of L1 (half of its ways), and with the B sliver there both slivers at most 7/8 of
//   it, leaving a way for the C tile.
// - The block is reused for every step of loop 2, so it stays in (about half of) the core's
//   private L2.
// - The shared block is re-read for every block of loop 3: the groups' blocks together get half
//   of the last-level cache (the loops divide it among them), but each group's block is at least
//   kMinSharedBlock wide. The L3 is where BLIS keeps the block, yet it need not fit: re-reading
//   it from memory once per block of loop 3 costs 4 / (that block's width) bytes per flop
//   (about 1 GB/s at 336 and 90 GFLOP/s). A narrow shared block costs more: each one packs all
//   of the other operand again, at copy speed and outside the micro-kernel, about 40 / width of
//   the product on current cores (at n = 4096 with NC = 1344, from an 8 MiB L3 assumed when the
//   L3 is implausible, packing A took 3 % of the time on one core of a Xeon model 207 and 5 %
//   on two; 1 % and 1.5 % with NC = 4104).
// l1Share > 0 replaces the KC of the model by the one whose sliver fills that share of L1 (what
// shipped AVX-512 kernels do: 75-110 %), l2Share is the share of L2 the block fills.
Blocking blockingFor(int mr, int nr, const CacheInfo& caches, double l1Share, double l2Share,
                     LoopOrder order) {
    const UsableCaches u = usableCaches(caches);
    constexpr long long d = sizeof(double);
    const bool aInL1 = order == LoopOrder::ASliverInL1;
    const int sliverTile = aInL1 ? mr : nr, blockTile = aInL1 ? nr : mr,
              sharedTile = aInL1 ? mr : nr;
    Blocking b;
    // With the A sliver in L1 the B slivers stream past it from L2 and need not stay, so only
    // the half of L1 bounds KC.
    const long long bothSlivers =
        aInL1 ? u.l1 / 2 / (sliverTile * d) : u.l1 * 7 / 8 / ((mr + nr) * d);
    b.kc = l1Share > 0 ? static_cast<int>(static_cast<double>(u.l1) * l1Share /
                                          static_cast<double>(sliverTile * d))
                       : static_cast<int>(std::min(u.l1 / 2 / (sliverTile * d), bothSlivers));
    b.kc = std::clamp(roundDown(b.kc, 8), 64, 1024);
    int block =
        static_cast<int>(static_cast<double>(u.l2) * l2Share / static_cast<double>(b.kc * d));
    block = std::clamp(roundDown(block, blockTile), blockTile, roundDown(4096, blockTile));
    int shared = static_cast<int>(u.l3 / 2 / (b.kc * d));
    shared = std::clamp(roundDown(shared, sharedTile), roundUp(kMinSharedBlock, sharedTile),
                        roundDown(8192, sharedTile));
    b.mc = aInL1 ? shared : block;
    b.nc = aInL1 ? block : shared;
    b.note = u.note;
    return b;
}

MicrokernelChoice modelChoice(const MicrokernelEntry& e, const CacheInfo& caches,
                              double l1Share = 0, double l2Share = 0.5,
                              LoopOrder order = kModelLoopOrder) {
    const Blocking bl = blockingFor(e.mr, e.nr, caches, l1Share, l2Share, order);
    MicrokernelChoice choice;
    choice.kernelName = e.name;
    choice.isaId = e.isa;
    choice.isa = isaName(e.isa);
    choice.mr = e.mr;
    choice.nr = e.nr;
    choice.kc = bl.kc;
    choice.mc = bl.mc;
    choice.nc = bl.nc;
    choice.order = order;
    choice.note = bl.note;
    return choice;
}

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

std::mutex tunedMutex;
std::optional<MicrokernelChoice> tunedChoice;

} // namespace

const char* loopOrderName(LoopOrder order) {
    return order == LoopOrder::ASliverInL1 ? "A sliver in L1" : "B sliver in L1";
}

std::vector<MicrokernelInfo> microkernels() {
    std::vector<MicrokernelInfo> list;
    for (const MicrokernelEntry& e : kMicrokernels)
        list.push_back({e.name, e.isa, e.mr, e.nr});
    return list;
}

std::optional<MicrokernelChoice> microkernelChoiceNamed(const std::string& name,
                                                        const CacheInfo& caches, double l1Share,
                                                        double l2Share, LoopOrder order) {
    if (const MicrokernelEntry* e = entryNamed(name))
        return modelChoice(*e, caches, l1Share, l2Share, order);
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
            loops::runUnpacked(leastPadded(e, m, n), m, n, k, a, lda, b, ldb, c, ldc);
            return;
        }
        threads = 1;
    }
    loops::runFiveLoops(e, {choice.kc, choice.mc, choice.nc, choice.order}, m, n, k, a, lda, b, ldb,
                        c, ldc, threads, cancel);
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
