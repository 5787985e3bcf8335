// SPDX-License-Identifier: MIT
// AVX-512F probes: 512-bit fused multiply-add chains and bandwidth kernels. Built with
// -mavx512f; called only when the CPU (and OS) support AVX-512F.
#include "probes/chains.h"
#include "probes/probes_isa.h"

#include <immintrin.h>

namespace headroom::kernels::probes::isa {

namespace {

struct Avx512D {
    using V = __m512d;
    static V set(double x) { return _mm512_set1_pd(x); }
    static V step(V a, V m, V c) { return _mm512_fmadd_pd(a, m, c); }
    static double sum(V v) { return _mm512_reduce_add_pd(v); }
};
struct Avx512S {
    using V = __m512;
    static V set(double x) { return _mm512_set1_ps(static_cast<float>(x)); }
    static V step(V a, V m, V c) { return _mm512_fmadd_ps(a, m, c); }
    static double sum(V v) { return _mm512_reduce_add_ps(v); }
};

} // namespace

double fmaAvx512Double(std::int64_t iterations) {
    return runChains<Avx512D>(iterations);
}
double fmaAvx512Single(std::int64_t iterations) {
    return runChains<Avx512S>(iterations);
}

double readAvx512(const double* a, std::size_t n) {
    __m512d s0 = _mm512_setzero_pd(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
    for (std::size_t i = 0; i < n; i += 64) {
        s0 = _mm512_add_pd(s0, _mm512_load_pd(a + i));
        s1 = _mm512_add_pd(s1, _mm512_load_pd(a + i + 8));
        s2 = _mm512_add_pd(s2, _mm512_load_pd(a + i + 16));
        s3 = _mm512_add_pd(s3, _mm512_load_pd(a + i + 24));
        s4 = _mm512_add_pd(s4, _mm512_load_pd(a + i + 32));
        s5 = _mm512_add_pd(s5, _mm512_load_pd(a + i + 40));
        s6 = _mm512_add_pd(s6, _mm512_load_pd(a + i + 48));
        s7 = _mm512_add_pd(s7, _mm512_load_pd(a + i + 56));
    }
    const __m512d s = _mm512_add_pd(_mm512_add_pd(_mm512_add_pd(s0, s1), _mm512_add_pd(s2, s3)),
                                    _mm512_add_pd(_mm512_add_pd(s4, s5), _mm512_add_pd(s6, s7)));
    return _mm512_reduce_add_pd(s);
}

void triadAvx512(double* a, const double* b, const double* c, double s, std::size_t n) {
    const __m512d vs = _mm512_set1_pd(s);
    for (std::size_t i = 0; i < n; i += 32) {
        for (std::size_t j = 0; j < 32; j += 8)
            _mm512_store_pd(a + i + j, _mm512_fmadd_pd(vs, _mm512_load_pd(c + i + j),
                                                       _mm512_load_pd(b + i + j)));
    }
}

} // namespace headroom::kernels::probes::isa
