// SPDX-License-Identifier: MIT
// The micro-kernel rung's five loops (internal to kernels/microkernel.cpp and fiveloops.cpp):
// the registry entry they run, and the loops themselves in both loop orders.
#pragma once

#include "microkernel.h"
#include "packing.h"

#include <atomic>

namespace headroom::kernels::loops {

// One micro-kernel of the registry: what it is, the ISA it needs, and the packing routines for
// its register tile.
struct MicrokernelEntry {
    Isa isa;
    const char* name;
    int mr, nr;
    DgemmMicrokernel fn;
    DgemmMicrokernelUnpacked unpacked; // nullptr: always packs
    packing::PackAFn packA;            // packA<mr>
    packing::PackBFn packB;            // packB<nr>
};

// The largest register tile (MR x NR) an entry may have: the edge tile buffer holds one.
constexpr int kMaxTile = 256;

constexpr int roundDown(int x, int multiple) {
    return x / multiple * multiple;
}
constexpr int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
}
constexpr int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
}

// The narrowest block a thread group shares (the B block's NC, or the A panel's MC with the
// A sliver in L1): every block of it packs all of the other operand again (see blockingFor).
constexpr int kMinSharedBlock = 4096;

// Block sizes of the five loops: kc the shared dimension, mc rows of A, nc columns of B.
struct Blocks {
    int kc = 0, mc = 0, nc = 0;
    LoopOrder order = LoopOrder::BSliverInL1;
};

// C = A * B (all row-major, C overwritten) through the five loops around uk on up to `threads`
// OpenMP threads; stops between blocks when *cancel becomes true.
void runFiveLoops(const MicrokernelEntry& uk, const Blocks& blocks, int m, int n, int k,
                  const double* a, int lda, const double* b, int ldb, double* c, int ldc,
                  int threads, const std::atomic<bool>* cancel);

// A small product in one KC step on one thread, without packing: full tiles straight from A
// and B; edge tiles through zero-padded slivers packed on the fly and the packed kernel.
void runUnpacked(const MicrokernelEntry& uk, int m, int n, int k, const double* a, int lda,
                 const double* b, int ldb, double* c, int ldc);

} // namespace headroom::kernels::loops
