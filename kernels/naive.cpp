// SPDX-License-Identifier: MIT
// Rung "naive": the textbook i-j-k loop. Built at -O0 (see CMakeLists.txt) so that it is the
// loop as written, like the seed paper's unoptimized C.
#include "ladder.h"

namespace headroom::kernels {

void gemm_naive(const GemmArgs& args) {
    const int n = args.n;
    const double* a = args.a;
    const double* b = args.b;
    double* c = args.c;
    for (int i = 0; i < n; ++i) {
        if (args.cancelled())
            return;
        for (int j = 0; j < n; ++j) {
            double sum = 0.0;
            for (int k = 0; k < n; ++k)
                sum += a[i * n + k] * b[k * n + j];
            c[i * n + j] = sum;
        }
    }
}

} // namespace headroom::kernels
