// SPDX-License-Identifier: MIT
// TEMPORARY placeholder body (correct, unoptimised) until this rung is written.
#include "ladder.h"

namespace headroom::kernels {

void gemm_dac(const GemmArgs& args) {
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

} // namespace headroom::kernels
