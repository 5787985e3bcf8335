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
    static constexpr std::size_t width = 8;
    static V zero() { return _mm512_setzero_pd(); }
    static V load(const double* p) { return _mm512_load_pd(p); }
    static void store(double* p, V v) { _mm512_store_pd(p, v); }
    static V add(V a, V b) { return _mm512_add_pd(a, b); }
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

double readAvx512(const double* a, std::size_t n, std::int64_t passes) {
    return readLoop<Avx512D>(a, n, passes);
}

void triadAvx512(double* a, const double* b, const double* c, double s, std::size_t n,
                 std::int64_t passes) {
    triadLoop<Avx512D>(a, b, c, s, n, passes);
}

} // namespace headroom::kernels::probes::isa
