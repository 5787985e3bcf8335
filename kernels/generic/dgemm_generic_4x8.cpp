// SPDX-License-Identifier: MIT
// The portable micro-kernel: plain C++ that any compiler can vectorize for the baseline ISA of
// any CPU (SSE2 on x86-64, NEON on aarch64). It is the fallback and the reference path; no
// intrinsics, no ISA flags.
#include "microkernel.h"

namespace headroom::kernels {

namespace {
constexpr int kMr = 4;
constexpr int kNr = 8;
} // namespace

void dgemm_generic_4x8(long kc, const double* __restrict ap, const double* __restrict bp,
                       double* __restrict c, long ldc, bool accumulate) {
    // The tile lives in a local array that the compiler keeps in vector registers: 4 x 8 doubles
    // are 16 SSE2 or NEON registers.
    double acc[kMr][kNr] = {};
    for (long p = 0; p < kc; ++p) {
        const double* a = ap + p * kMr;
        const double* b = bp + p * kNr;
#pragma GCC unroll 4
        for (int i = 0; i < kMr; ++i)
#pragma GCC unroll 8
            for (int j = 0; j < kNr; ++j)
                acc[i][j] += a[i] * b[j];
    }
    for (int i = 0; i < kMr; ++i) {
        double* row = c + i * ldc;
        if (accumulate)
            for (int j = 0; j < kNr; ++j)
                row[j] += acc[i][j];
        else
            for (int j = 0; j < kNr; ++j)
                row[j] = acc[i][j];
    }
}

} // namespace headroom::kernels
