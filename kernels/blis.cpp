// SPDX-License-Identifier: MIT
// The second yardstick: BLIS, the framework whose five loops the micro-kernel rung follows,
// loaded at run time like OpenBLAS (kernels/cblas.h). Debian's libblis4 is the 32-bit-integer
// build, so its CBLAS interface takes int like OpenBLAS's.
#include "cblas.h"
#include "ladder.h"

#include <cstdint>
#include <mutex>

// LeakSanitizer's tracer crashes (SIGSEGV) on BLIS's OpenMP threads when it stops the world at
// exit, so a sanitizer build does not load BLIS; the release build's tests run it.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define HEADROOM_SANITIZER_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define HEADROOM_SANITIZER_BUILD 1
#endif
#endif

namespace headroom::kernels {

namespace {
using SetThreadsFn = void (*)(std::int64_t); // BLIS's dim_t is 64-bit in every build
using ArchIdFn = int (*)();
using ArchNameFn = const char* (*)(int);
using VersionFn = const char* (*)();

struct Blis {
    CblasDgemmFn dgemm = nullptr;
    SetThreadsFn setThreads = nullptr;
    std::string detail;
};

// Which sub-configuration BLIS picked for this CPU (skx, zen3, haswell...): the yardstick's own
// kernel choice, shown beside it.
std::string describe(void* h) {
    std::string detail;
    if (auto version = reinterpret_cast<VersionFn>(librarySymbol(h, "bli_info_get_version_str")))
        detail = std::string("BLIS ") + version();
    auto archId = reinterpret_cast<ArchIdFn>(librarySymbol(h, "bli_arch_query_id"));
    auto archName = reinterpret_cast<ArchNameFn>(librarySymbol(h, "bli_arch_string"));
    if (archId && archName) {
        if (const char* arch = archName(archId()))
            detail += std::string(detail.empty() ? "" : ", ") + arch + " configuration";
    }
    return detail;
}

const Blis& blis() {
    static Blis lib;
    static std::once_flag once;
    std::call_once(once, [] {
#ifdef HEADROOM_SANITIZER_BUILD
        lib.detail = "not loaded in a sanitizer build (LeakSanitizer's tracer crashes on BLIS's "
                     "threads at exit)";
        return;
#endif
        void* h = openLibrary({"libblis.so.4", "libblis.so", "libblis.dylib"},
                              {"cblas_dgemm", "bli_thread_set_num_threads"});
        if (!h)
            return;
        lib.dgemm = reinterpret_cast<CblasDgemmFn>(librarySymbol(h, "cblas_dgemm"));
        lib.setThreads =
            reinterpret_cast<SetThreadsFn>(librarySymbol(h, "bli_thread_set_num_threads"));
        lib.detail = describe(h);
    });
    return lib;
}
} // namespace

bool blis_available() {
    return blis().dgemm != nullptr;
}

std::string blis_detail() {
    return blis().detail;
}

void gemm_blis(const GemmArgs& args) {
    const Blis& lib = blis();
    if (!lib.dgemm)
        return;
    // BLIS reads BLIS_NUM_THREADS once; the plan's count is set before every call instead.
    lib.setThreads(args.threads > 0 ? args.threads : 1);
    callDgemm(lib.dgemm, args);
}

} // namespace headroom::kernels
