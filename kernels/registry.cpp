// SPDX-License-Identifier: MIT
#include "registry.h"

#include "flags.h"
#include "ladder.h"

#include <array>

namespace headroom::kernels {

namespace {
// Flags come from CMake (flags.h is generated) so the table says what was really compiled.
const std::array<RungInfo, 12> kLadder{{
    {"python", "Python", "a pure-Python triple loop run by the CPython interpreter", "",
     RungKind::Interpreted, nullptr, false, true},
    {"java", "Java", "the same loop in plain Java: compiled to bytecode and JIT-compiled", "",
     RungKind::Interpreted, nullptr, false, true},
    {"naive", "C, naive", "the same i-j-k loop in C, compiled without optimization", kFlagsNaive,
     RungKind::Native, gemm_naive, false, true},
    {"interchange", "+ interchange loops",
     "i-k-j order: the inner loop walks B and C with unit stride", kFlagsInterchange,
     RungKind::Native, gemm_interchange, false, true},
    {"optflags", "+ optimization flags", "the same code compiled at -O3", kFlagsOptflags,
     RungKind::Native, gemm_optflags, false, true},
    {"parallel", "parallel loops", "OpenMP splits the outer loop over the cores", kFlagsParallel,
     RungKind::Native, gemm_parallel, true, true},
    {"tiled", "+ tiling",
     "cache blocking: blocks of B sized to the caches, copied contiguous, reused", kFlagsTiled,
     RungKind::Native, gemm_tiled, true},
    {"dac", "parallel divide & conquer", "recursive quadrants as OpenMP tasks, a tiled base case",
     kFlagsDac, RungKind::Native, gemm_dac, true},
    {"vectorized", "+ compiler vectorization",
     "omp simd and per-ISA clones let the compiler use the vector units", kFlagsVectorized,
     RungKind::Native, gemm_vectorized, true},
    {"microkernel", "+ intrinsics micro-kernel",
     "packed panels and a register-blocked SIMD micro-kernel in BLIS's five loops",
     kFlagsMicrokernel, RungKind::Native, gemm_microkernel, true},
    {"openblas", "OpenBLAS (reference)", "the tuned library a user would pick instead",
     kFlagsOpenblas, RungKind::Reference, gemm_openblas, true},
    {"blis", "BLIS (reference)", "the framework whose five loops the micro-kernel follows",
     kFlagsBlis, RungKind::Reference, gemm_blis, true},
}};
} // namespace

std::span<const RungInfo> ladder() {
    return kLadder;
}

std::string_view compilerId() {
    return kCompiler;
}
std::string_view buildType() {
    return kBuildType;
}

const RungInfo* findRung(std::string_view id) {
    for (const auto& r : kLadder)
        if (r.id == id)
            return &r;
    return nullptr;
}

} // namespace headroom::kernels
