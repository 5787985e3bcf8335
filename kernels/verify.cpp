// SPDX-License-Identifier: MIT
#include "verify.h"

#include "matrix.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

namespace headroom::kernels {

namespace {
std::string describe(const char* what, std::size_t i, std::size_t j, double got, long double want,
                     double bound) {
    std::ostringstream s;
    s.precision(17);
    s << what << " at (" << i << ", " << j << "): got " << got << ", expected "
      << static_cast<double>(want) << ", |error| " << std::fabs(got - static_cast<double>(want))
      << " > bound " << bound;
    return s.str();
}
} // namespace

void referenceGemm(std::size_t m, std::size_t n, std::size_t k, const double* a, std::size_t lda,
                   const double* b, std::size_t ldb, double* c, std::size_t ldc) {
    std::vector<long double> row(n);
    for (std::size_t i = 0; i < m; ++i) {
        std::fill(row.begin(), row.end(), 0.0L);
        for (std::size_t p = 0; p < k; ++p) {
            const long double aip = a[i * lda + p];
            for (std::size_t j = 0; j < n; ++j)
                row[j] += aip * b[p * ldb + j];
        }
        for (std::size_t j = 0; j < n; ++j)
            c[i * ldc + j] = static_cast<double>(row[j]);
    }
}

CheckResult compareWithReference(std::size_t m, std::size_t n, std::size_t k, const double* a,
                                 std::size_t lda, const double* b, std::size_t ldb, const double* c,
                                 std::size_t ldc, double cFactor) {
    CheckResult r;
    r.passed = true;
    std::vector<long double> ref(n), mag(n);
    const double kk = static_cast<double>(k > 0 ? k : 1);
    for (std::size_t i = 0; i < m; ++i) {
        std::fill(ref.begin(), ref.end(), 0.0L);
        std::fill(mag.begin(), mag.end(), 0.0L);
        for (std::size_t p = 0; p < k; ++p) {
            const long double aip = a[i * lda + p];
            const long double aabs = std::fabs(aip);
            for (std::size_t j = 0; j < n; ++j) {
                ref[j] += aip * b[p * ldb + j];
                mag[j] += aabs * std::fabs(b[p * ldb + j]);
            }
        }
        for (std::size_t j = 0; j < n; ++j) {
            const double got = c[i * ldc + j];
            const double bound = cFactor * kk * kUnitRoundoff * static_cast<double>(mag[j]) +
                                 std::numeric_limits<double>::min();
            const double err = std::fabs(static_cast<double>(got - ref[j]));
            const double ratio = std::isfinite(got) ? err / bound : INFINITY;
            if (std::isnan(ratio) || ratio > r.worstRatio) {
                r.worstRatio = std::isnan(ratio) ? INFINITY : ratio;
                r.worstRow = i;
                r.worstCol = j;
            }
            if (!(ratio <= 1.0) && r.passed) {
                r.passed = false;
                r.message = describe("entry", i, j, got, ref[j], bound);
            }
        }
    }
    return r;
}

CheckResult freivalds(std::size_t n, const double* a, const double* b, const double* c, int trials,
                      std::uint64_t seed, double cFactor) {
    CheckResult r;
    r.passed = true;
    std::vector<double> x(n);
    std::vector<long double> bx(n), bxAbs(n);
    const double nn = static_cast<double>(n > 0 ? n : 1);
    for (int t = 0; t < trials && r.passed; ++t) {
        for (std::size_t j = 0; j < n; ++j)
            x[j] = elementValue(seed + 7919u * static_cast<std::uint64_t>(t), j);
        // y = B x and |B||x| in long double.
        for (std::size_t p = 0; p < n; ++p) {
            long double s = 0, sa = 0;
            for (std::size_t j = 0; j < n; ++j) {
                s += static_cast<long double>(b[p * n + j]) * x[j];
                sa += std::fabs(static_cast<long double>(b[p * n + j]) * x[j]);
            }
            bx[p] = s;
            bxAbs[p] = sa;
        }
        for (std::size_t i = 0; i < n; ++i) {
            long double abx = 0, abxAbs = 0, cx = 0, cxAbs = 0;
            for (std::size_t p = 0; p < n; ++p) {
                abx += a[i * n + p] * bx[p];
                abxAbs += std::fabs(static_cast<long double>(a[i * n + p])) * bxAbs[p];
                cx += static_cast<long double>(c[i * n + p]) * x[p];
                cxAbs += std::fabs(static_cast<long double>(c[i * n + p]) * x[p]);
            }
            // C carries at most k*u*|A||B| error per entry, so (C - AB)x is bounded by
            // n*u*|A||B||x|; the long double sums add far less.
            const double bound =
                cFactor * nn * kUnitRoundoff * static_cast<double>(abxAbs + cxAbs) +
                std::numeric_limits<double>::min();
            const double err = std::fabs(static_cast<double>(cx - abx));
            const double ratio = std::isfinite(static_cast<double>(cx)) ? err / bound : INFINITY;
            if (std::isnan(ratio) || ratio > r.worstRatio) {
                r.worstRatio = std::isnan(ratio) ? INFINITY : ratio;
                r.worstRow = i;
            }
            if (!(ratio <= 1.0) && r.passed) {
                r.passed = false;
                std::ostringstream s;
                s.precision(6);
                s << "Freivalds check failed in row " << i << " (trial " << t + 1
                  << "): |C x - A (B x)| = " << err << " > bound " << bound;
                r.message = s.str();
            }
        }
    }
    return r;
}

} // namespace headroom::kernels
