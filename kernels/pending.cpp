// SPDX-License-Identifier: MIT
// TEMPORARY: correct but unoptimised bodies for the rungs still being written (tiled, dac,
// vectorized, microkernel). Each is replaced by its own source file; this file then goes.
#include "ladder.h"

namespace headroom::kernels {

namespace {
void ikjParallel(const GemmArgs& args) {
    const int n = args.n;
#pragma omp parallel for schedule(static) num_threads(args.threads)
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j)
            args.c[i * n + j] = 0.0;
        for (int k = 0; k < n; ++k)
            for (int j = 0; j < n; ++j)
                args.c[i * n + j] += args.a[i * n + k] * args.b[k * n + j];
    }
}
} // namespace

void gemm_tiled(const GemmArgs& args) { ikjParallel(args); }
void gemm_dac(const GemmArgs& args) { ikjParallel(args); }
void gemm_vectorized(const GemmArgs& args) { ikjParallel(args); }
void gemm_microkernel(const GemmArgs& args) { ikjParallel(args); }

} // namespace headroom::kernels
