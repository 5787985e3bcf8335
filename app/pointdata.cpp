// SPDX-License-Identifier: MIT
#include "pointdata.h"

#include "stats.h"
#include "sysmemory.h"

#include <verify.h>

#include <limits>

namespace headroom {

// Floating-point operations of one n x n product, in GFLOP.
double gflop(int n) {
    return 2.0 * static_cast<double>(n) * n * n * 1e-9;
}

// Fills C with NaN, in parallel like the kernels' outer loops (first touch when C is new).
void fillNaN(double* c, int n, int threads) {
    const long long cnt = static_cast<long long>(n) * n;
#pragma omp parallel for schedule(static) num_threads(threads)
    for (long long i = 0; i < cnt; ++i)
        c[i] = std::numeric_limits<double>::quiet_NaN();
}

// Allocates and first-touches A, B (values from the seed) and C (NaN: every rung must overwrite
// it, and a rung that does not is caught by verification).
bool preparePoint(int n, quint64 seed, int threads, PointBuffers* buf, QString* error) {
    *error = memoryShortfall(n, availableMemoryBytes());
    if (!error->isEmpty())
        return false;
    buf->a = kernels::allocatePlacedMatrix(n, n, kernels::kPageOffsetA);
    buf->b = kernels::allocatePlacedMatrix(n, n, kernels::kPageOffsetB);
    buf->c = kernels::allocatePlacedMatrix(n, n, kernels::kPageOffsetC);
    if (!buf->a || !buf->b || !buf->c) {
        *error = QStringLiteral("could not allocate 3 x %1 x %1 doubles").arg(n);
        return false;
    }
    // The portable formula: the interpreted rungs build the very same A and B themselves.
    kernels::fillPortable(buf->a.get(), n, n, seed, threads);
    kernels::fillPortable(buf->b.get(), n, n, seed + 1, threads);
    fillNaN(buf->c.get(), n, threads);
    return true;
}

// Verifies C: Freivalds always, plus the full comparison up to `fullMaxN`.
void verifyProduct(int n, const double* a, const double* b, const double* c, int fullMaxN,
                   quint64 seed, PointResult* p) {
    kernels::CheckResult r = kernels::freivalds(n, a, b, c, 3, seed ^ 0xF00Dull);
    p->check = QStringLiteral("freivalds");
    if (r.passed && n <= fullMaxN) {
        r = kernels::compareWithReference(n, n, n, a, n, b, n, c, n);
        p->check = QStringLiteral("freivalds+full");
    }
    p->status = r.passed ? PointStatus::Verified : PointStatus::Failed;
    if (!r.passed)
        p->message = QString::fromStdString(r.message);
}

void fillTimes(const QList<double>& samples, PointResult* p) {
    const Stats s = computeStats(samples);
    p->seconds = s.median;
    p->secondsMin = s.min;
    p->secondsLow = s.medianLow;
    p->secondsHigh = s.medianHigh;
    p->cv = s.cv;
    p->repetitions = s.count;
    p->gflops = s.median > 0 ? gflop(p->n) / s.median : 0;
}

} // namespace headroom
