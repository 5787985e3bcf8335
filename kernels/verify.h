// SPDX-License-Identifier: MIT
// Checking a product C against A*B, independent of every rung.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace headroom::kernels {

struct CheckResult {
    bool passed = false;
    double worstRatio = 0; // max over entries of |error| / bound (<= 1 passes)
    std::size_t worstRow = 0, worstCol = 0;
    std::string message; // empty when passed; otherwise says where and by how much
};

// Unit roundoff of IEEE double, u = 2^-53.
inline constexpr double kUnitRoundoff = 0x1.0p-53;

// Full comparison: C_ref and |A||B| are accumulated in long double, then every entry must satisfy
// |C - C_ref| <= c * k * u * (|A||B|)_ij + (a tiny absolute slack for k = 0). O(m*n*k): for small
// sizes only. A NaN or Inf anywhere in C fails. c = 2 covers any summation order of
// k products (the classical bound is k*u/(1-k*u)).
CheckResult compareWithReference(std::size_t m, std::size_t n, std::size_t k, const double* a,
                                 std::size_t lda, const double* b, std::size_t ldb, const double* c,
                                 std::size_t ldc, double cFactor = 2.0);

// Freivalds' check: for `trials` random vectors x, compares C*x with A*(B*x) entrywise against
// a rounding-error bound, O(n^2) per trial. Catches any wrong entry larger than about
// n^2 * u * |A||B||x| in its row.
CheckResult freivalds(std::size_t n, const double* a, const double* b, const double* c,
                      int trials = 3, std::uint64_t seed = 12345, double cFactor = 4.0);

// A careful reference product in long double accumulation (slow; tests and small sizes).
void referenceGemm(std::size_t m, std::size_t n, std::size_t k, const double* a, std::size_t lda,
                   const double* b, std::size_t ldb, double* c, std::size_t ldc);

} // namespace headroom::kernels
