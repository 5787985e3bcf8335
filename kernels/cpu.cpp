// SPDX-License-Identifier: MIT
#include "cpu.h"

#include <cstdlib>
#include <optional>

#if defined(__x86_64__) && defined(HEADROOM_HAVE_CPU_FEATURES)
#include <cpuinfo_x86.h>
#endif

namespace headroom::kernels {

namespace {
CpuInfo detect() {
    CpuInfo c;
#if defined(__x86_64__) && defined(HEADROOM_HAVE_CPU_FEATURES)
    const cpu_features::X86Info info = cpu_features::GetX86Info();
    c.vendor = info.vendor;
    c.brand = info.brand_string;
    c.family = info.family;
    c.model = info.model;
    c.stepping = info.stepping;
    const auto uarch = cpu_features::GetX86Microarchitecture(&info);
    c.uarch = cpu_features::GetX86MicroarchitectureName(uarch);
    const auto& f = info.features;
    c.sse2 = f.sse2;
    c.avx = f.avx;
    c.avx2 = f.avx2;
    c.fma = f.fma3;
    c.avx512f = f.avx512f;
    c.avx512dq = f.avx512dq;
    c.avx512vl = f.avx512vl;
    c.avx512bw = f.avx512bw;
    for (int i = 0; i < cpu_features::X86_LAST_; ++i) {
        const auto feature = static_cast<cpu_features::X86FeaturesEnum>(i);
        if (cpu_features::GetX86FeaturesEnumValue(&f, feature))
            c.features.emplace_back(cpu_features::GetX86FeaturesEnumName(feature));
    }
    const cpu_features::CacheInfo caches = cpu_features::GetX86CacheInfo();
    for (int i = 0; i < caches.size; ++i) {
        const auto& l = caches.levels[i];
        const bool dataLike = l.cache_type == cpu_features::CPU_FEATURE_CACHE_DATA ||
                              l.cache_type == cpu_features::CPU_FEATURE_CACHE_UNIFIED;
        if (!dataLike)
            continue;
        if (l.level == 1)
            c.cpuidL1d = l.cache_size;
        else if (l.level == 2)
            c.cpuidL2 = l.cache_size;
        else if (l.level == 3)
            c.cpuidL3 = l.cache_size;
    }
#elif defined(__x86_64__)
    // Without cpu_features: the compiler's own detection (also checks OS support via XGETBV).
    __builtin_cpu_init();
    c.sse2 = __builtin_cpu_supports("sse2");
    c.avx = __builtin_cpu_supports("avx");
    c.avx2 = __builtin_cpu_supports("avx2");
    c.fma = __builtin_cpu_supports("fma");
    c.avx512f = __builtin_cpu_supports("avx512f");
    c.avx512dq = __builtin_cpu_supports("avx512dq");
    c.avx512vl = __builtin_cpu_supports("avx512vl");
    c.avx512bw = __builtin_cpu_supports("avx512bw");
    for (const char* name : {"sse2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512vl"})
        if (__builtin_cpu_supports(name))
            c.features.emplace_back(name);
#endif
    return c;
}
} // namespace

const CpuInfo& cpuInfo() {
    static const CpuInfo info = detect();
    return info;
}

bool isaSupportedBy(Isa isa, const CpuInfo& c) {
    switch (isa) {
    case Isa::Generic:
        return true;
    case Isa::Avx2:
        return c.avx2 && c.fma;
    case Isa::Avx512:
        return c.avx512f;
    }
    return false;
}

bool isaSupported(Isa isa) {
    return isaSupportedBy(isa, cpuInfo());
}

namespace {
Isa bestIsaOf(const CpuInfo& c) {
    if (isaSupportedBy(Isa::Avx512, c))
        return Isa::Avx512;
    if (isaSupportedBy(Isa::Avx2, c))
        return Isa::Avx2;
    return Isa::Generic;
}
} // namespace

Isa bestIsa() {
    return bestIsaOf(cpuInfo());
}

const char* isaName(Isa isa) {
    switch (isa) {
    case Isa::Avx512:
        return "avx512";
    case Isa::Avx2:
        return "avx2";
    case Isa::Generic:
        return "generic";
    }
    return "generic";
}

IsaRequest resolveIsaRequest(const char* value, const CpuInfo& cpu) {
    IsaRequest r;
    r.isa = bestIsaOf(cpu);
    if (!value || !*value)
        return r;
    const std::string v = value;
    const std::string shown = v.size() > 40 ? v.substr(0, 40) + "..." : v;
    std::optional<Isa> wanted;
    for (Isa isa : {Isa::Avx512, Isa::Avx2, Isa::Generic})
        if (v == isaName(isa))
            wanted = isa;
    if (!wanted) {
        r.message = "HEADROOM_ISA=" + shown +
                    " is not one of avx512, avx2, generic (lower case): ignored, using " +
                    isaName(r.isa);
        return r;
    }
    if (!isaSupportedBy(*wanted, cpu)) {
        r.refused = true;
        r.message = "HEADROOM_ISA=" + v + " is refused: this CPU has no " +
                    (*wanted == Isa::Avx512 ? "AVX-512F" : "AVX2+FMA") + " (its best is " +
                    isaName(r.isa) +
                    "); the micro-kernel does not run. Unset HEADROOM_ISA or choose a path "
                    "the CPU has";
        return r;
    }
    r.isa = *wanted;
    r.forced = true;
    r.message = "HEADROOM_ISA=" + v + " forces the " + v + " path";
    return r;
}

IsaRequest isaRequest() {
    return resolveIsaRequest(std::getenv("HEADROOM_ISA"), cpuInfo());
}

Isa selectedIsa(std::string* note) {
    const IsaRequest r = isaRequest();
    if (note)
        *note = r.message;
    return r.isa;
}

} // namespace headroom::kernels
