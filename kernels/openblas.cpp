// SPDX-License-Identifier: MIT
// The yardstick: OpenBLAS's cblas_dgemm with the same thread count as the rungs.
//
// OpenBLAS is loaded at run time (dlopen), not linked: it is a yardstick the user may or may not
// have installed, so the package only recommends it and the rung is "unavailable" without it.
#include "ladder.h"

#if defined(__unix__) || defined(__APPLE__)
#include <dlfcn.h>
#endif

#include <mutex>

namespace headroom::kernels {

namespace {
// CBLAS's enums as the ABI defines them (cblas.h is not needed to call through a pointer).
constexpr int kCblasRowMajor = 101;
constexpr int kCblasNoTrans = 111;
using DgemmFn = void (*)(int, int, int, int, int, int, double, const double*, int, const double*,
                         int, double, double*, int);
using SetThreadsFn = void (*)(int);

struct OpenBlas {
    DgemmFn dgemm = nullptr;
    SetThreadsFn setThreads = nullptr;
};

const OpenBlas& openblas() {
    static OpenBlas lib;
    static std::once_flag once;
    std::call_once(once, [] {
#if defined(__unix__) || defined(__APPLE__)
        for (const char* name : {"libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"}) {
            void* h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
            if (!h)
                continue;
            auto dgemm = reinterpret_cast<DgemmFn>(dlsym(h, "cblas_dgemm"));
            auto threads = reinterpret_cast<SetThreadsFn>(dlsym(h, "openblas_set_num_threads"));
            if (dgemm && threads) {
                lib.dgemm = dgemm;
                lib.setThreads = threads;
                return; // kept loaded for the life of the process
            }
            dlclose(h);
        }
#endif
    });
    return lib;
}
} // namespace

bool openblas_available() {
    return openblas().dgemm != nullptr;
}

void gemm_openblas(const GemmArgs& args) {
    const OpenBlas& lib = openblas();
    if (!lib.dgemm)
        return;
    // Debian's libopenblas0 is the pthread build: its pool ignores OMP_NUM_THREADS set later,
    // so the count is set explicitly before every call.
    lib.setThreads(args.threads > 0 ? args.threads : 1);
    const int n = args.n;
    lib.dgemm(kCblasRowMajor, kCblasNoTrans, kCblasNoTrans, n, n, n, 1.0, args.a, n, args.b, n, 0.0,
              args.c, n);
}

} // namespace headroom::kernels
