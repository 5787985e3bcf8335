// SPDX-License-Identifier: MIT
// The native rungs of the ladder, one function per rung, each in its own source file so that
// each can carry its own compile flags (see kernels/CMakeLists.txt).
#pragma once

#include <string>
#include <string_view>

#include "cpu.h"
#include "gemm.h"

namespace headroom::kernels {

void gemm_naive(const GemmArgs& args);       // i-j-k, -O0
void gemm_interchange(const GemmArgs& args); // i-k-j, -O0
void gemm_optflags(const GemmArgs& args);    // i-k-j, -O3 (no -march)
void gemm_parallel(const GemmArgs& args);    // + OpenMP on the outer loop
void gemm_tiled(const GemmArgs& args);       // + cache blocking from CacheInfo
void gemm_dac(const GemmArgs& args);         // parallel divide & conquer, OpenMP tasks
void gemm_vectorized(const GemmArgs& args);  // + compiler vectorization (omp simd, ISA clones)
void gemm_microkernel(const GemmArgs& args); // packed panels + register-blocked micro-kernel

// The cache blocking "tiled", "dac" and "vectorized" use for these caches (in elements), for
// reports: --list-rungs and the session's environment.
struct CacheBlocking {
    int rows = 0;           // tiled: rows of A and C per work item
    int depth = 0;          // tiled: rows of B per block (B block = depth x cols, in L2)
    int cols = 0;           // tiled: columns per block (one C strip of cols, in L1)
    int dacLeaf = 0;        // dac: no dimension of a leaf exceeds this
    int vectorizedLeaf = 0; // vectorized: no dimension of a leaf exceeds this
};
CacheBlocking cacheBlockingFor(const CacheInfo& caches);

// The register tile (rows x columns of C kept in registers) of the "vectorized" rung's leaf for
// an instruction set: what the traffic model of app/intensity.cpp counts.
struct RegisterTile {
    int rows = 0;
    int cols = 0;
};
RegisterTile vectorizedTile(Isa isa);

// OpenBLAS cblas_dgemm with args.threads threads: the yardstick, not a rung.
bool openblas_available();
void gemm_openblas(const GemmArgs& args);
// The kernel family OpenBLAS dispatched to on this CPU ("SkylakeX", "Haswell", "Prescott"...);
// empty when not loaded. Loads the library.
std::string openblas_core();
std::string openblas_detail(); // "OpenBLAS 0.3.21, SkylakeX kernel"; empty when not loaded
// The strongest OpenBLAS x86-64 kernel family a CPU with these features runs ("SkylakeX" for
// AVX-512 F/DQ/BW/VL, "Haswell" for AVX2+FMA), or empty.
std::string openblasBestCore(const CpuInfo& cpu);
// That family when `detected` is a known weaker one (OpenBLAS 0.3.21 falls back to Prescott on
// Xeons newer than it and to Haswell on Zen 5, which would make the yardstick a straw man);
// empty when `detected` is as strong, or a name this table does not know.
std::string openblasStrongerCore(std::string_view detected, const CpuInfo& cpu);

// BLIS cblas_dgemm with args.threads threads: the second yardstick where libblis is installed.
bool blis_available();
std::string blis_detail(); // "BLIS 0.9.0, skx configuration"; empty when not loaded
void gemm_blis(const GemmArgs& args);

} // namespace headroom::kernels
