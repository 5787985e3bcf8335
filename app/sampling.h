// SPDX-License-Identifier: MIT
// Sampled points: a row-uniform rung (every row of C costs the same) whose full run would not fit
// in the budget times a few whole rows of the full-size product and scales by n / rows. The
// matrices are full size, so the memory traffic is the real one, which n^3 extrapolation from a
// small size misses once B falls out of the caches.
#pragma once

#include "plan.h"
#include "results.h"

#include <gemm.h>
#include <registry.h>

#include <QList>
#include <QString>

#include <atomic>

namespace headroom {

// Rows to time and how often: `rows` a multiple of `step` (one row per thread, so a parallel loop
// is balanced as in the full run), at least one step even when a single step exceeds the budget.
struct SampleSize {
    int rows = 1;
    int repetitions = 1;
};

// From the time of one step of rows (`stepSeconds`, `step` rows): as many rows as fill the budget
// in `repetitions` passes (fewer passes when one step alone nearly fills it).
SampleSize chooseSampleSize(int n, int step, double stepSeconds, double budgetSeconds,
                            int repetitions);

// Whether an over-budget point of `rung` is sampled (else extrapolated by n^3): row-uniform rungs
// only, and not when the plan asks for extrapolation.
bool samplesRows(const kernels::RungInfo& rung, const Plan& plan);

// The whole product's time from `rows` of its n rows.
double scaleRows(double seconds, int rows, int n);

// Verifies rows [0, rows) of C (cRows: rows x n) against A's rows and B, exactly bounded: the
// full reference when rows * n * n is within fullCheckMaxN^3, else Freivalds on those rows.
// Sets p's status (Verified / Failed), check and message.
void verifyRows(int n, int rows, const double* a, const double* b, const double* cRows,
                int fullCheckMaxN, quint64 seed, PointResult* p);

struct SampledRun {
    bool ok = false;
    bool cancelled = false;
    QString error;
    int rows = 0;
    QList<double> seconds; // per pass, already scaled to the whole product
};

// A sampled native point: a warm-up step (the last rows), then passes over rows [0, rows) of
// args (n, a, b, c full size). Verifies the rows into p.
SampledRun sampleNative(kernels::GemmFn fn, kernels::GemmArgs args, const Plan& plan,
                        PointResult* p);

// A sampled interpreted point ("python" / "java"): the interpreter builds A and B of size n
// itself (a and b are the app's identical copies, for verification). `source`: see
// InterpretedProcess. `predicted`: seconds of the full product predicted by n^3 (for timeouts).
SampledRun sampleInterpreted(const QString& rung, int n, const double* a, const double* b,
                             const Plan& plan, double predicted, const QString& source,
                             const std::atomic<bool>* cancel, PointResult* p);

} // namespace headroom
