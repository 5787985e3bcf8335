// SPDX-License-Identifier: MIT
// Probe dispatch: checks the CPU once (cpu.h) and calls the kernel of the matching ISA folder.
// This file has no ISA flags, so it runs on any CPU of the target architecture.
#include "probes.h"

#include "cpu.h"
#include "probes/chains.h"
#include "probes/probes_isa.h"

#if defined(__x86_64__) || defined(_M_X64)
#define HEADROOM_PROBES_X86 1
#endif

namespace headroom::kernels::probes {

namespace {

#ifndef HEADROOM_PROBES_X86
// Portable fallback for other architectures: one lane, a*m + c (the compiler may fuse it).
struct GenericD {
    using V = double;
    static V set(double x) { return x; }
    static V step(V a, V m, V c) { return a * m + c; }
    static double sum(V v) { return v; }
};
struct GenericS {
    using V = float;
    static V set(double x) { return static_cast<float>(x); }
    static V step(V a, V m, V c) { return a * m + c; }
    static double sum(V v) { return v; }
};

#else
bool hasFma() {
    const CpuInfo& c = cpuInfo();
    return c.avx2 && c.fma;
}
#endif

} // namespace

const char* vectorIsaName(VectorIsa isa) {
    switch (isa) {
    case VectorIsa::Scalar:
        return "scalar";
    case VectorIsa::Sse:
        return "sse";
    case VectorIsa::Avx2:
        return "avx2";
    case VectorIsa::Avx512:
        return "avx512";
    }
    return "scalar";
}

int vectorBits(VectorIsa isa) {
    switch (isa) {
    case VectorIsa::Scalar:
        return 64;
    case VectorIsa::Sse:
        return 128;
    case VectorIsa::Avx2:
        return 256;
    case VectorIsa::Avx512:
        return 512;
    }
    return 64;
}

int lanes(VectorIsa isa, Precision p) {
    if (isa == VectorIsa::Scalar)
        return 1;
    return vectorBits(isa) / (p == Precision::Double ? 64 : 32);
}

bool peakAvailable(VectorIsa isa) {
#ifdef HEADROOM_PROBES_X86
    switch (isa) {
    case VectorIsa::Scalar:
    case VectorIsa::Sse:
        return true;
    case VectorIsa::Avx2:
        return hasFma();
    case VectorIsa::Avx512:
        return cpuInfo().avx512f;
    }
    return false;
#else
    return isa == VectorIsa::Scalar;
#endif
}

bool peakUsesFma(VectorIsa isa) {
#ifdef HEADROOM_PROBES_X86
    return isa == VectorIsa::Avx2 || isa == VectorIsa::Avx512 || hasFma();
#else
    (void)isa;
    return false;
#endif
}

double runPeak(VectorIsa isa, Precision p, std::int64_t iterations, double* sink) {
    double s = 0;
    const bool dbl = p == Precision::Double;
#ifdef HEADROOM_PROBES_X86
    const int bits = vectorBits(isa);
    if (isa == VectorIsa::Avx512 && cpuInfo().avx512f)
        s = dbl ? isa::fmaAvx512Double(iterations) : isa::fmaAvx512Single(iterations);
    else if (hasFma())
        s = dbl ? isa::fmaAvx2Double(bits, iterations) : isa::fmaAvx2Single(bits, iterations);
    else
        s = dbl ? isa::mulAddSseDouble(bits, iterations) : isa::mulAddSseSingle(bits, iterations);
#else
    s = dbl ? isa::runChains<GenericD>(iterations) : isa::runChains<GenericS>(iterations);
#endif
    if (sink)
        *sink += s;
    return 2.0 * lanes(isa, p) * isa::kChains * static_cast<double>(iterations);
}

std::uint64_t runDependentAdds(std::int64_t n) {
    std::uint64_t x = 1, step = 3;
    // The step is a register value the compiler cannot see: Golden Cove and later Intel cores
    // fold chains of add-immediate at rename (this probe read 19 GHz on a Sapphire Rapids VM),
    // but a register-register add is one cycle on every x86 and Arm core. The empty asm makes
    // each add depend on the previous one as the compiler sees it; 8 per trip hide the branch.
    __asm__ volatile("" : "+r"(step));
    for (std::int64_t i = 0; i < n; i += 8) {
#pragma GCC unroll 8
        for (int k = 0; k < 8; ++k) {
            x += step;
            __asm__ volatile("" : "+r"(x));
        }
    }
    return x;
}

double readArray(const double* a, std::size_t n, std::int64_t passes) {
#ifdef HEADROOM_PROBES_X86
    if (cpuInfo().avx512f)
        return isa::readAvx512(a, n, passes);
    if (hasFma())
        return isa::readAvx2(a, n, passes);
#endif
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (std::int64_t p = 0; p < passes; ++p) {
        for (std::size_t i = 0; i < n; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
    }
    return (s0 + s1) + (s2 + s3);
}

void triad(double* a, const double* b, const double* c, double s, std::size_t n,
           std::int64_t passes) {
#ifdef HEADROOM_PROBES_X86
    if (cpuInfo().avx512f)
        return isa::triadAvx512(a, b, c, s, n, passes);
    if (hasFma())
        return isa::triadAvx2(a, b, c, s, n, passes);
#endif
    for (std::int64_t p = 0; p < passes; ++p)
        for (std::size_t i = 0; i < n; ++i)
            a[i] = b[i] + s * c[i];
}

const char* bandwidthIsa() {
#ifdef HEADROOM_PROBES_X86
    if (cpuInfo().avx512f)
        return "avx512";
    if (hasFma())
        return "avx2";
#endif
    return "scalar";
}

} // namespace headroom::kernels::probes
