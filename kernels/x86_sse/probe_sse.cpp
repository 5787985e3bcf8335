// SPDX-License-Identifier: MIT
// SSE2 probes for CPUs without FMA: a multiply and a dependent add per step (two operations, as
// an FMA counts), at 64 (scalar) and 128 bits. SSE2 is the x86-64 baseline, so -msse2 only.
#include "probes/chains.h"
#include "probes/probes_isa.h"

#include <emmintrin.h>

namespace headroom::kernels::probes::isa {

namespace {

struct ScalarD {
    using V = __m128d;
    static V set(double x) { return _mm_set1_pd(x); }
    static V step(V a, V m, V c) { return _mm_add_sd(_mm_mul_sd(a, m), c); }
    static double sum(V v) { return _mm_cvtsd_f64(v); }
};
struct Sse128D {
    using V = __m128d;
    static V set(double x) { return _mm_set1_pd(x); }
    static V step(V a, V m, V c) { return _mm_add_pd(_mm_mul_pd(a, m), c); }
    static double sum(V v) { return _mm_cvtsd_f64(_mm_add_sd(v, _mm_unpackhi_pd(v, v))); }
};
struct ScalarS {
    using V = __m128;
    static V set(double x) { return _mm_set1_ps(static_cast<float>(x)); }
    static V step(V a, V m, V c) { return _mm_add_ss(_mm_mul_ss(a, m), c); }
    static double sum(V v) { return _mm_cvtss_f32(v); }
};
struct Sse128S {
    using V = __m128;
    static V set(double x) { return _mm_set1_ps(static_cast<float>(x)); }
    static V step(V a, V m, V c) { return _mm_add_ps(_mm_mul_ps(a, m), c); }
    static double sum(V v) {
        alignas(16) float f[4];
        _mm_store_ps(f, v);
        return double(f[0]) + f[1] + f[2] + f[3];
    }
};

} // namespace

double mulAddSseDouble(int bits, std::int64_t iterations) {
    return bits == 64 ? runChains<ScalarD>(iterations) : runChains<Sse128D>(iterations);
}

double mulAddSseSingle(int bits, std::int64_t iterations) {
    return bits == 64 ? runChains<ScalarS>(iterations) : runChains<Sse128S>(iterations);
}

} // namespace headroom::kernels::probes::isa
