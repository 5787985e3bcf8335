// SPDX-License-Identifier: MIT
#include "sampling.h"

#include "interpreted.h"

#include <verify.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>

namespace headroom {

namespace {

double timeRows(kernels::GemmFn fn, const kernels::GemmArgs& args) {
    // C's rows start as NaN: a kernel that leaves a row unwritten fails verification.
    std::fill(args.c + static_cast<std::ptrdiff_t>(args.rowBegin) * args.n,
              args.c + static_cast<std::ptrdiff_t>(args.rowsEnd()) * args.n,
              std::numeric_limits<double>::quiet_NaN());
    const auto t0 = std::chrono::steady_clock::now();
    fn(args);
    const auto t1 = std::chrono::steady_clock::now();
    return std::chrono::duration<double>(t1 - t0).count();
}

} // namespace

SampleSize chooseSampleSize(int n, int step, double stepSeconds, double budgetSeconds,
                            int repetitions) {
    SampleSize s;
    step = std::clamp(step, 1, std::max(1, n));
    repetitions = std::max(1, repetitions);
    stepSeconds = std::max(stepSeconds, 1e-9);
    const double steps = std::floor(budgetSeconds / (repetitions * stepSeconds));
    const int maxSteps = std::max(1, n / step);
    if (steps >= 1) {
        s.rows = step * static_cast<int>(std::min<double>(steps, maxSteps));
        s.repetitions = repetitions;
    } else {
        s.rows = step;
        s.repetitions = std::clamp(static_cast<int>(budgetSeconds / stepSeconds), 1, repetitions);
    }
    return s;
}

bool samplesRows(const kernels::RungInfo& rung, const Plan& plan) {
    return rung.rowUniform && !plan.extrapolate;
}

double scaleRows(double seconds, int rows, int n) {
    return rows > 0 ? seconds * n / rows : seconds;
}

void verifyRows(int n, int rows, const double* a, const double* b, const double* cRows,
                int fullCheckMaxN, quint64 seed, PointResult* p) {
    const auto un = static_cast<std::size_t>(n);
    kernels::CheckResult r = kernels::freivaldsRows(un, static_cast<std::size_t>(rows), a, b, cRows,
                                                    0, 3, seed ^ 0xF00Dull);
    p->check = QStringLiteral("freivalds");
    const double limit = std::pow(static_cast<double>(fullCheckMaxN), 3);
    if (r.passed && static_cast<double>(rows) * n * n <= limit) {
        r = kernels::compareWithReference(static_cast<std::size_t>(rows), un, un, a, un, b, un,
                                          cRows, un);
        p->check = QStringLiteral("freivalds+full");
    }
    p->status = r.passed ? PointStatus::Verified : PointStatus::Failed;
    if (!r.passed)
        p->message = QString::fromStdString(r.message);
}

SampledRun sampleNative(kernels::GemmFn fn, kernels::GemmArgs args, const Plan& plan,
                        PointResult* p) {
    SampledRun run;
    const int n = args.n;
    // Warm-up: one row per thread at the end of C, which the timed rows do not reuse.
    const int step = std::clamp(args.threads, 1, std::max(1, n));
    args.rowBegin = n - step;
    args.rowEnd = n;
    const double stepSeconds = timeRows(fn, args);
    const SampleSize size =
        chooseSampleSize(n, step, stepSeconds, plan.budgetSeconds, plan.repetitions);
    args.rowBegin = 0;
    args.rowEnd = size.rows;
    for (int i = 0; i < size.repetitions; ++i) {
        const double t = timeRows(fn, args);
        if (args.cancelled()) {
            run.cancelled = true;
            return run;
        }
        run.seconds.append(scaleRows(t, size.rows, n));
    }
    run.rows = size.rows;
    run.ok = true;
    verifyRows(n, size.rows, args.a, args.b, args.c, plan.fullCheckMaxN, plan.seed, p);
    return run;
}

SampledRun sampleInterpreted(const QString& rung, int n, const double* a, const double* b,
                             const Plan& plan, double predicted, const QString& source,
                             const std::atomic<bool>* cancel, PointResult* p) {
    SampledRun run;
    InterpretedProcess process(rung, n, plan.seed, source);
    // n^3 from a small size underestimates a large one several times over: generous timeouts.
    const double rowTimeout = 120.0 + 20.0 * predicted / std::max(1, n);
    auto fail = [&](const InterpretedRun& r) {
        run.cancelled = r.cancelled;
        run.error = r.error;
        return run;
    };
    InterpretedRun r = process.start(120.0 + 1e-6 * n * n, cancel);
    if (!r.ok)
        return fail(r);
    const std::optional<double> rowSeconds = warmUp(process, n - 1, 1, rowTimeout, cancel, &r);
    if (!rowSeconds)
        return fail(r);
    const SampleSize size =
        chooseSampleSize(n, 1, *rowSeconds, plan.budgetSeconds, plan.repetitions);
    r = process.rows(0, size.rows, size.repetitions,
                     rowTimeout * size.rows * size.repetitions + plan.budgetSeconds * 10, cancel);
    if (!r.ok)
        return fail(r);
    for (double t : r.seconds)
        run.seconds.append(scaleRows(t, size.rows, n));
    run.rows = size.rows;
    run.ok = true;
    verifyRows(n, size.rows, a, b, r.c.data(), plan.fullCheckMaxN, plan.seed, p);
    return run;
}

} // namespace headroom
