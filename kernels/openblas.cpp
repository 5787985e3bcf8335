// SPDX-License-Identifier: MIT
// The yardstick: OpenBLAS's cblas_dgemm with the same thread count as the rungs, loaded at run
// time (kernels/cblas.h says why).
#include "cblas.h"
#include "cpu.h"
#include "ladder.h"

#include <algorithm>
#include <cctype>
#include <mutex>

namespace headroom::kernels {

namespace {
using SetThreadsFn = void (*)(int);
using NameFn = char* (*)();

struct OpenBlas {
    CblasDgemmFn dgemm = nullptr;
    SetThreadsFn setThreads = nullptr;
    std::string core;    // openblas_get_corename(): the kernel family it dispatched to
    std::string version; // "OpenBLAS 0.3.21", from openblas_get_config()
};

// The first two words of openblas_get_config() ("OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH ...").
std::string versionOf(const char* config) {
    std::string v = config ? config : "";
    std::size_t space = v.find(' ');
    if (space != std::string::npos)
        space = v.find(' ', space + 1);
    return v.substr(0, space);
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// OpenBLAS 0.3.21's x86-64 kernel families by the widest vector code they run: 1 SSE-era,
// 2 AVX, 3 AVX2+FMA, 4 AVX-512. 0 for a name not listed (never judged weaker).
int coreRank(std::string_view core) {
    static const struct {
        const char* name;
        int rank;
    } table[] = {{"katmai", 1},     {"coppermine", 1},  {"northwood", 1},   {"prescott", 1},
                 {"banias", 1},     {"atom", 1},        {"core2", 1},       {"penryn", 1},
                 {"dunnington", 1}, {"nehalem", 1},     {"opteron", 1},     {"opteron_sse3", 1},
                 {"barcelona", 1},  {"bobcat", 1},      {"sandybridge", 2}, {"bulldozer", 2},
                 {"piledriver", 2}, {"steamroller", 2}, {"excavator", 2},   {"haswell", 3},
                 {"zen", 3},        {"skylakex", 4},    {"cooperlake", 4},  {"sapphirerapids", 4}};
    const std::string key = lower(core);
    for (const auto& e : table)
        if (key == e.name)
            return e.rank;
    return 0;
}

const OpenBlas& openblas() {
    static OpenBlas lib;
    static std::once_flag once;
    std::call_once(once, [] {
        void* h = openLibrary({"libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"},
                              {"cblas_dgemm", "openblas_set_num_threads"});
        lib.dgemm = reinterpret_cast<CblasDgemmFn>(librarySymbol(h, "cblas_dgemm"));
        lib.setThreads =
            reinterpret_cast<SetThreadsFn>(librarySymbol(h, "openblas_set_num_threads"));
        if (auto core = reinterpret_cast<NameFn>(librarySymbol(h, "openblas_get_corename")))
            lib.core = core() ? core() : "";
        if (auto config = reinterpret_cast<NameFn>(librarySymbol(h, "openblas_get_config")))
            lib.version = versionOf(config());
    });
    return lib;
}
} // namespace

bool openblas_available() {
    return openblas().dgemm != nullptr;
}

std::string openblas_core() {
    return openblas().core;
}

std::string openblas_detail() {
    const OpenBlas& lib = openblas();
    std::string detail = lib.version;
    if (!lib.core.empty())
        detail += (detail.empty() ? "" : ", ") + lib.core + " kernel";
    return detail;
}

std::string openblasBestCore(const CpuInfo& cpu) {
    if (cpu.avx512f && cpu.avx512dq && cpu.avx512bw && cpu.avx512vl)
        return "SkylakeX";
    if (cpu.avx2 && cpu.fma)
        return "Haswell";
    return {};
}

std::string openblasStrongerCore(std::string_view detected, const CpuInfo& cpu) {
    const std::string best = openblasBestCore(cpu);
    const int have = coreRank(detected);
    if (best.empty() || have == 0 || have >= coreRank(best))
        return {};
    return best;
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
