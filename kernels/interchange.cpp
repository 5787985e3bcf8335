// SPDX-License-Identifier: MIT
// Rung "interchange": i-k-j order so that the inner loop walks a row of B and a row of C with unit
// stride. Still -O0. In the new order A[i][k] no longer changes in the inner loop, so it is read
// once per k (as in the ikj loop of Bryant & O'Hallaron, CS:APP 6.6); at -O0 the compiler would
// not lift it out itself.
#include "ladder.h"

namespace headroom::kernels {

void gemm_interchange(const GemmArgs& args) {
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
