// SPDX-License-Identifier: MIT
// The top rung: a BLIS-style packed GEMM. Five loops around a register-blocked micro-kernel,
// one micro-kernel per instruction set (kernels/x86_avx512, kernels/x86_avx2, kernels/generic),
// chosen once at run time from the CPU's features (HEADROOM_ISA overrides). The loops run in
// one of two orders (LoopOrder; the model's choice first, tuning measures both):
//
//   B sliver in L1 (BLIS)                        A sliver in L1 (OpenBLAS for row-major C)
//   jc  NC columns: B block KC x NC shared       ic  MC rows: A panel MC x KC shared by a
//       by a thread group (threadGridFor)            thread group (threadGridFor)
//     pc  KC of the shared dimension               pc  KC of the shared dimension
//       ic  MC rows, per thread: A block in L2       jc  NC columns, per thread: B block in L2
//         jr  B sliver KC x NR stays in L1             ir  A sliver MR x KC stays in L1
//           ir  A slivers stream from L2                 jr  B slivers stream from L2
//             micro-kernel: MR x NR of C in registers, kc rank-1 updates
#pragma once

#include "cpu.h"
#include "gemm.h"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace headroom::kernels {

// Which operand's sliver stays in L1 while the other's streams past it (loops 2 and 1).
enum class LoopOrder {
    // BLIS: the KC x NR sliver of B stays in L1 and the MC x KC block of A (one per thread) in
    // L2; a thread group shares a KC x NC block of B. Loop 1 walks down a column of C's tiles.
    BSliverInL1,
    // The roles swapped, as OpenBLAS has them for row-major C: the MR x KC sliver of A stays in
    // L1 and the KC x NC block of B (one per thread) in L2; a thread group shares an MC x KC
    // panel of A. Loop 1 walks along rows of C, which the hardware prefetches. (At n = 4096 on
    // a Xeon, model 207, the loops over a packed block ran 7 % faster this way with C in memory.)
    ASliverInL1,
};
const char* loopOrderName(LoopOrder order); // "B sliver in L1" or "A sliver in L1"
// The order of the model's choice (before any tuning; the search tries both).
inline constexpr LoopOrder kModelLoopOrder = LoopOrder::ASliverInL1;

// What the micro-kernel rung runs: the micro-kernel and the block sizes of the five loops.
struct MicrokernelChoice {
    std::string kernelName; // e.g. "dgemm_avx2_6x8": operation, ISA, precision, MR x NR
    std::string isa;        // isaName(isaId)
    Isa isaId = Isa::Generic;
    int mr = 0, nr = 0;         // register tile
    int kc = 0, mc = 0, nc = 0; // cache blocks (mc a multiple of mr, nc a multiple of nr)
    LoopOrder order = LoopOrder::BSliverInL1;
    std::string note; // how the ISA and the block sizes were chosen (override, defaults)
    // How the kernel and the block sizes were chosen: "model" (the analytical model from the
    // cache sizes), "tuned <date>" (a search on this machine) or "forced by HEADROOM_ISA".
    std::string how = "model";
    // Products with m*n*k below this run on one thread: starting and joining a team costs more
    // than it saves there. Tuning measures it; the model assumes 96^3 (about 20 us of work).
    // Those that also fit one KC step skip packing where the kernel has an unpacked variant.
    double serialBelow = kModelSerialBelow;
    static constexpr double kModelSerialBelow = 96.0 * 96.0 * 96.0;
};

// One micro-kernel of this build: its name, the ISA it needs and its register tile.
struct MicrokernelInfo {
    std::string name;
    Isa isa = Isa::Generic;
    int mr = 0, nr = 0;
};
// Every micro-kernel built for this target, best guess first within each ISA (the default of
// its ISA before any tuning); the generic one last.
std::vector<MicrokernelInfo> microkernels();
// The named micro-kernel with block sizes from the analytical model; nullopt when no such
// kernel is built (the ISA need not be supported by this CPU: nothing runs here).
// l1Share > 0 sizes KC so that the sliver that stays in L1 (B's KC x NR or A's MR x KC, by the
// loop order) fills that share of L1 instead of the model's; l2Share is the share of L2 the
// block kept there (A's MC x KC or B's KC x NC) fills (the model's is 0.5).
std::optional<MicrokernelChoice> microkernelChoiceNamed(const std::string& name,
                                                        const CacheInfo& caches, double l1Share = 0,
                                                        double l2Share = 0.5,
                                                        LoopOrder order = kModelLoopOrder);

// The choice found by tuning on this machine (app/ loads it from its cache or runs the search),
// used by microkernelChoice() and dgemm_packed() whenever its ISA is the selected one. nullopt
// goes back to the model. Thread-safe; set it before products run, not during.
void setTunedMicrokernel(std::optional<MicrokernelChoice> choice);
std::optional<MicrokernelChoice> tunedMicrokernel();

// The selected ISA (selectedIsa(): best available, or HEADROOM_ISA) with the tuned choice when
// there is one for that ISA, else the ISA's default kernel with block sizes derived from
// `caches`. Re-evaluated on every call (cheap), so tests can change HEADROOM_ISA in-process.
MicrokernelChoice microkernelChoice(const CacheInfo& caches);
// The same for an explicit ISA (which need not be supported by this CPU: nothing runs here).
MicrokernelChoice microkernelChoiceFor(Isa isa, const CacheInfo& caches);

// C = A * B, all row-major: A is m x k (row stride lda >= k), B is k x n (ldb >= n), C is m x n
// (ldc >= n). C is overwritten, never read first, so it may hold anything (NaN included).
// When *cancel becomes true the product stops between blocks and C is incomplete.
// Runs on up to `threads` OpenMP threads. Uses microkernelChoice(caches).
void dgemm_packed(int m, int n, int k, const double* a, int lda, const double* b, int ldb,
                  double* c, int ldc, int threads, const CacheInfo& caches,
                  const std::atomic<bool>* cancel = nullptr);
// The same with the ISA forced (tests force every path the CPU has). The ISA must be supported
// by the CPU (isaSupported); an unsupported one runs the generic kernel instead.
void dgemm_packed_isa(Isa isa, int m, int n, int k, const double* a, int lda, const double* b,
                      int ldb, double* c, int ldc, int threads, const CacheInfo& caches,
                      const std::atomic<bool>* cancel = nullptr);
// The same with every parameter explicit: choice.kernelName picks the micro-kernel (mr/nr come
// from it; an unknown name or one whose ISA this CPU lacks falls back to choice.isaId's default,
// then to the generic kernel), choice.kc/mc/nc the blocks (rounded up to multiples of mr/nr, at
// least 1). Lets tests use tiny blocks so that every loop runs several times on small matrices.
void dgemm_packed_with(const MicrokernelChoice& choice, int m, int n, int k, const double* a,
                       int lda, const double* b, int ldb, double* c, int ldc, int threads,
                       const std::atomic<bool>* cancel = nullptr);

// How a team of threads is laid over loops 5 and 3: jcWays groups split the columns of C (loop 5),
// each group packs its own B block, and the icWays threads of a group share that block and split
// its rows (loop 3). With the A sliver in L1 the grid of the transposed product is used: groups
// split the rows and share A panels, their threads split the columns. Threads of one group wait for
// each other twice per KC step; groups never wait for each other, and a thread whose group has
// finished takes blocks of the others' steps.
//
// The grid makes each thread's share of C, (m / icWays) x (n / jcWays), as square as the thread
// count allows (as BLIS does), and a tie goes to more column groups. On the 2-core VM this was
// written on, one B block shared by both threads lost 10-15 % whenever the host was busy (the cause
// is not known; one guess is that the host then runs the two vCPUs on cores that share no cache),
// while a private B block per thread stayed within 1 % of undisturbed speed, interleaved in the
// same runs.
struct ThreadGrid {
    int jcWays = 1, icWays = 1;
};
// The grid for `threads` threads on an m x n C with an mr x nr register tile; fewer threads
// (jcWays * icWays < threads) when the product has too few tiles to give each one a share.
ThreadGrid threadGridFor(int threads, int m, int n, int mr, int nr);

// The contract every micro-kernel implements:
//   C (mr x nr, row-major, row stride ldc) = [C +] Ap * Bp
// Ap: an MR x kc sliver of A packed column by column, Ap[p*MR + i] = A(i, p).
// Bp: a kc x NR sliver of B packed row by row,        Bp[p*NR + j] = B(p, j).
// accumulate == false: C is overwritten and never read. kc >= 1. Ap and Bp are 8-byte aligned at
// least (Bp is 64-byte aligned); C needs no alignment. Always a full MR x NR tile: the driver
// handles edges through a local tile.
using DgemmMicrokernel = void (*)(long kc, const double* ap, const double* bp, double* c, long ldc,
                                  bool accumulate);

// The same tile straight from the row-major operands, for small products that fit one KC step
// (no packing): C (MR x NR, overwritten) = A (MR x k, row stride lda) * B (k x NR, row stride
// ldb). No alignment needed. Kernels without such a variant have none (nullptr in the registry).
using DgemmMicrokernelUnpacked = void (*)(long k, const double* a, long lda, const double* b,
                                          long ldb, double* c, long ldc);

void dgemm_generic_4x8(long kc, const double* ap, const double* bp, double* c, long ldc,
                       bool accumulate);
// x86-64 only (compiled with their ISA flags, called only when the CPU has the ISA):
void dgemm_avx2_6x8(long kc, const double* ap, const double* bp, double* c, long ldc,
                    bool accumulate);
void dgemm_avx512_14x16_unpacked(long k, const double* a, long lda, const double* b, long ldb,
                                 double* c, long ldc);
void dgemm_avx512_14x16(long kc, const double* ap, const double* bp, double* c, long ldc,
                        bool accumulate);
void dgemm_avx512_8x24_unpacked(long k, const double* a, long lda, const double* b, long ldb,
                                double* c, long ldc);
void dgemm_avx512_8x24(long kc, const double* ap, const double* bp, double* c, long ldc,
                       bool accumulate);
void dgemm_avx512_6x32_unpacked(long k, const double* a, long lda, const double* b, long ldb,
                                double* c, long ldc);
void dgemm_avx512_6x32(long kc, const double* ap, const double* bp, double* c, long ldc,
                       bool accumulate);
void dgemm_avx512_28x8_unpacked(long k, const double* a, long lda, const double* b, long ldb,
                                double* c, long ldc);
void dgemm_avx512_28x8(long kc, const double* ap, const double* bp, double* c, long ldc,
                       bool accumulate);

} // namespace headroom::kernels
