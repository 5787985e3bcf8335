// SPDX-License-Identifier: MIT
// Kernels planted in the runner by tests (Runner::overrideKernel) to show that verification
// catches what it must.
#pragma once

#include <ladder.h>

namespace headroom::testing {

// Right everywhere except one entry, off by far more than rounding: Freivalds must catch it.
inline void wrongKernel(const kernels::GemmArgs& args) {
    kernels::gemm_optflags(args);
    if (args.n > 2)
        args.c[args.n + 1] += 1e-3;
}

// Like wrongKernel, but the wrong entry is in the first row it computes (a sampled row range
// included), at column 1.
inline void wrongRowKernel(const kernels::GemmArgs& args) {
    kernels::gemm_optflags(args);
    if (args.n > 1 && args.rowBegin < args.rowsEnd())
        args.c[static_cast<long>(args.rowBegin) * args.n + 1] += 1e-3;
}

} // namespace headroom::testing
