// SPDX-License-Identifier: MIT
// Rung "optflags": the i-k-j loop of "interchange", unchanged, compiled at -O3 (no -march: the
// vector units beyond the baseline ISA are a later rung).
#include "ladder.h"

namespace headroom::kernels {

void gemm_optflags(const GemmArgs& args) {
    const int n = args.n;
    const double* a = args.a;
    const double* b = args.b;
    double* c = args.c;
    const int rowEnd = args.rowsEnd();
    for (int i = args.rowBegin; i < rowEnd; ++i) {
        if (args.cancelled())
            return;
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
