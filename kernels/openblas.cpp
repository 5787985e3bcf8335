// SPDX-License-Identifier: MIT
// The yardstick: OpenBLAS's cblas_dgemm with the same thread count as the rungs, loaded at run
// time (kernels/cblas.h says why).
#include "cblas.h"
#include "ladder.h"

#include <mutex>

namespace headroom::kernels {

namespace {
using SetThreadsFn = void (*)(int);

struct OpenBlas {
    CblasDgemmFn dgemm = nullptr;
    SetThreadsFn setThreads = nullptr;
};

const OpenBlas& openblas() {
    static OpenBlas lib;
    static std::once_flag once;
    std::call_once(once, [] {
        void* h = openLibrary({"libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"},
                              {"cblas_dgemm", "openblas_set_num_threads"});
        lib.dgemm = reinterpret_cast<CblasDgemmFn>(librarySymbol(h, "cblas_dgemm"));
        lib.setThreads =
            reinterpret_cast<SetThreadsFn>(librarySymbol(h, "openblas_set_num_threads"));
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
    callDgemm(lib.dgemm, args);
}

} // namespace headroom::kernels
