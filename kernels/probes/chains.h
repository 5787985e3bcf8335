// SPDX-License-Identifier: MIT
// The shared shape of the peak probes, instantiated per instruction set in the ISA folders
// (included only by those files, so it takes their flags). Ops supplies the vector type V,
// set(x), step(acc, m, c) = acc*m + c (fused or not) and sum(V).
#pragma once

#include <cstddef>
#include <cstdint>

namespace headroom::kernels::probes::isa {

// 12 independent chains: FMA latency (4-5 cycles) x 2 pipes needs 8-10 in flight on current
// cores; 12 also fits the 16 registers of AVX2 with m and c.
inline constexpr int kChains = 12;

template <class Ops>
double runChains(std::int64_t iterations) {
    using V = typename Ops::V;
    // acc converges to c / (1 - m) = 1: no overflow, no denormals, however long it runs.
    const V m = Ops::set(0.999999);
    const V c = Ops::set(0.000001);
    V acc[kChains];
    for (int k = 0; k < kChains; ++k)
        acc[k] = Ops::set(1.0 + k * 0.001);
    for (std::int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 12
        for (int k = 0; k < kChains; ++k)
            acc[k] = Ops::step(acc[k], m, c);
    }
    double s = 0;
    for (int k = 0; k < kChains; ++k)
        s += Ops::sum(acc[k]);
    return s;
}

// Bandwidth kernels over doubles: Ops also supplies width (doubles per vector), zero(),
// load(p), add(a, b), store(p, v); n is a multiple of 8 * width.
template <class Ops>
double readLoop(const double* a, std::size_t n, std::int64_t passes) {
    using V = typename Ops::V;
    constexpr std::size_t w = Ops::width;
    // 8 accumulators: two loads per cycle against a 3-4 cycle add latency.
    V s[8];
    for (auto& v : s)
        v = Ops::zero();
    // All passes in one call: L1-sized arrays take a few dozen cycles per pass, less than a
    // call's setup and final reduction.
    for (std::int64_t p = 0; p < passes; ++p) {
        for (std::size_t i = 0; i < n; i += 8 * w) {
#pragma GCC unroll 8
            for (std::size_t k = 0; k < 8; ++k)
                s[k] = Ops::add(s[k], Ops::load(a + i + k * w));
        }
    }
    for (int k = 1; k < 8; ++k)
        s[0] = Ops::add(s[0], s[k]);
    return Ops::sum(s[0]);
}

template <class Ops>
void triadLoop(double* a, const double* b, const double* c, double s, std::size_t n,
               std::int64_t passes) {
    const auto vs = Ops::set(s);
    constexpr std::size_t w = Ops::width;
    for (std::int64_t p = 0; p < passes; ++p) {
#pragma GCC unroll 4
        for (std::size_t i = 0; i < n; i += w)
            Ops::store(a + i, Ops::step(Ops::load(c + i), vs, Ops::load(b + i)));
    }
}

} // namespace headroom::kernels::probes::isa
