// SPDX-License-Identifier: MIT
// Rung "naive": the textbook i-j-k loop, statement for statement the loop of the Python and Java
// rungs (resources/rungs): C[i][j] += A[i][k] * B[k][j], accumulating in C itself. Built at -O0
// (see CMakeLists.txt) so that it is the loop as written, like the seed paper's unoptimized C.
#include "ladder.h"

namespace headroom::kernels {

void gemm_naive(const GemmArgs& args) {
    const int n = args.n;
    const double* a = args.a;
    const double* b = args.b;
    double* c = args.c;
    const int rowEnd = args.rowsEnd();
    for (int i = args.rowBegin; i < rowEnd; ++i) {
        if (args.cancelled())
            return;
        // C = A·B overwrites C, so the row is cleared before it is accumulated into, as the
        // Python and Java rungs start from a fresh C.
        for (int j = 0; j < n; ++j)
            c[i * n + j] = 0.0;
        for (int j = 0; j < n; ++j)
            for (int k = 0; k < n; ++k)
                c[i * n + j] += a[i * n + k] * b[k * n + j];
    }
}

} // namespace headroom::kernels
