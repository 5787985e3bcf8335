// SPDX-License-Identifier: MIT
// The yardstick: OpenBLAS's cblas_dgemm with the same thread count as the rungs.
#include "ladder.h"

#ifdef HEADROOM_HAVE_OPENBLAS
#include <cblas.h>
#endif

namespace headroom::kernels {

bool openblas_available() {
#ifdef HEADROOM_HAVE_OPENBLAS
    return true;
#else
    return false;
#endif
}

void gemm_openblas(const GemmArgs& args) {
#ifdef HEADROOM_HAVE_OPENBLAS
    // Debian's libopenblas0 is the pthread build: its pool ignores OMP_NUM_THREADS set later,
    // so the count is set explicitly before every call.
    openblas_set_num_threads(args.threads > 0 ? args.threads : 1);
    const int n = args.n;
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, args.a, n, args.b, n, 0.0,
                args.c, n);
#else
    (void)args;
#endif
}

} // namespace headroom::kernels
