// SPDX-License-Identifier: MIT
// AVX2 + FMA3 probes: fused multiply-add chains at 64 (scalar), 128 and 256 bits, and the
// 256-bit bandwidth kernels. Built with -mavx2 -mfma; called only when the CPU has both.
#include "probes/chains.h"
#include "probes/probes_isa.h"

#include <immintrin.h>

namespace headroom::kernels::probes::isa {

namespace {

struct ScalarD {
    using V = __m128d;
    static V set(double x) { return _mm_set1_pd(x); }
    static V step(V a, V m, V c) { return _mm_fmadd_sd(a, m, c); } // vfmadd231sd: one lane
    static double sum(V v) { return _mm_cvtsd_f64(v); }
};
struct Sse128D {
    using V = __m128d;
    static V set(double x) { return _mm_set1_pd(x); }
    static V step(V a, V m, V c) { return _mm_fmadd_pd(a, m, c); }
    static double sum(V v) { return _mm_cvtsd_f64(_mm_add_sd(v, _mm_unpackhi_pd(v, v))); }
};
struct Avx256D {
    using V = __m256d;
    static constexpr std::size_t width = 4;
    static V zero() { return _mm256_setzero_pd(); }
    static V load(const double* p) { return _mm256_load_pd(p); }
    static void store(double* p, V v) { _mm256_store_pd(p, v); }
    static V add(V a, V b) { return _mm256_add_pd(a, b); }
    static V set(double x) { return _mm256_set1_pd(x); }
    static V step(V a, V m, V c) { return _mm256_fmadd_pd(a, m, c); }
    static double sum(V v) {
        return Sse128D::sum(_mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1)));
    }
};
struct ScalarS {
    using V = __m128;
    static V set(double x) { return _mm_set1_ps(static_cast<float>(x)); }
    static V step(V a, V m, V c) { return _mm_fmadd_ss(a, m, c); }
    static double sum(V v) { return _mm_cvtss_f32(v); }
};
struct Sse128S {
    using V = __m128;
    static V set(double x) { return _mm_set1_ps(static_cast<float>(x)); }
    static V step(V a, V m, V c) { return _mm_fmadd_ps(a, m, c); }
    static double sum(V v) {
        alignas(16) float f[4];
        _mm_store_ps(f, v);
        return double(f[0]) + f[1] + f[2] + f[3];
    }
};
struct Avx256S {
    using V = __m256;
    static V set(double x) { return _mm256_set1_ps(static_cast<float>(x)); }
    static V step(V a, V m, V c) { return _mm256_fmadd_ps(a, m, c); }
    static double sum(V v) {
        return Sse128S::sum(_mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1)));
    }
};

} // namespace

double fmaAvx2Double(int bits, std::int64_t iterations) {
    if (bits == 64)
        return runChains<ScalarD>(iterations);
    if (bits == 128)
        return runChains<Sse128D>(iterations);
    return runChains<Avx256D>(iterations);
}

double fmaAvx2Single(int bits, std::int64_t iterations) {
    if (bits == 64)
        return runChains<ScalarS>(iterations);
    if (bits == 128)
        return runChains<Sse128S>(iterations);
    return runChains<Avx256S>(iterations);
}

double readAvx2(const double* a, std::size_t n, std::int64_t passes) {
    return readLoop<Avx256D>(a, n, passes);
}

void triadAvx2(double* a, const double* b, const double* c, double s, std::size_t n,
               std::int64_t passes) {
    triadLoop<Avx256D>(a, b, c, s, n, passes);
}

} // namespace headroom::kernels::probes::isa
