// SPDX-License-Identifier: MIT
// The yardstick libraries (OpenBLAS, BLIS) are loaded at run time, not linked: a user may or may
// not have them, so the package only recommends them and a missing one makes its rung
// "unavailable". This is the loader and the CBLAS call they share.
#pragma once

#include "gemm.h"

#include <initializer_list>

namespace headroom::kernels {

// CBLAS's dgemm as the ABI defines it (32-bit int; cblas.h is not needed to call a pointer).
using CblasDgemmFn = void (*)(int, int, int, int, int, int, double, const double*, int,
                              const double*, int, double, double*, int);

// The first of `names` that dlopen()s (RTLD_LOCAL: two libraries' cblas_* never meet) and
// defines every one of `symbols`; kept loaded for the life of the process. nullptr if none.
void* openLibrary(std::initializer_list<const char*> names,
                  std::initializer_list<const char*> symbols);
void* librarySymbol(void* library, const char* name);

// C = A * B, row-major, square n from args.
void callDgemm(CblasDgemmFn dgemm, const GemmArgs& args);

} // namespace headroom::kernels
