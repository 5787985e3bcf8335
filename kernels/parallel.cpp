// SPDX-License-Identifier: MIT
// Rung "parallel": the -O3 i-k-j loop with its outer loop split over the cores by OpenMP.
#include "ladder.h"

namespace headroom::kernels {

void gemm_parallel(const GemmArgs& args) {
    const int n = args.n;
    const double* a = args.a;
    const double* b = args.b;
    double* c = args.c;
    const int rowEnd = args.rowsEnd();
#pragma omp parallel for schedule(static) num_threads(args.threads)
    for (int i = args.rowBegin; i < rowEnd; ++i) {
        if (args.cancelled())
            continue; // a worksharing loop cannot break; skipping the rest ends it quickly
        for (int j = 0; j < n; ++j)
            c[i * n + j] = 0.0;
        for (int k = 0; k < n; ++k) {
            const double aik = a[i * n + k];
            for (int j = 0; j < n; ++j)
                c[i * n + j] += aik * b[k * n + j];
        }
    }
}

} // namespace headroom::kernels
