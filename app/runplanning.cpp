// SPDX-License-Identifier: MIT
#include "runplanning.h"

#include "interpreted.h"

#include "stats.h"

#include <algorithm>

namespace headroom {

double predictCubic(double t0, int n0, int n) {
    if (n0 <= 0)
        return t0;
    const double r = static_cast<double>(n) / n0;
    return t0 * r * r * r;
}

// The ± mark between two rungs rests on their intervals: with 3 samples those are [min, max],
// 75 %.
int repetitionsFor(const Plan& plan, double predicted) {
    if (predicted > 0 && predicted * kSamplesFor95 <= plan.budgetSeconds)
        return std::max(plan.repetitions, kSamplesFor95);
    return plan.repetitions;
}

PointPlan planPoint(const Plan& plan, const History& history, const QString& rung, int n,
                    bool canSampleRows) {
    PointPlan pp;
    if (const auto it = history.constFind(rung); it != history.constEnd()) {
        pp.predicted = predictCubic(it->seconds, it->n, n);
        pp.from = it->n;
        if (pp.predicted > plan.budgetSeconds)
            pp.kind = canSampleRows ? PointPlan::Kind::Sample : PointPlan::Kind::Extrapolate;
    }
    if (pp.kind == PointPlan::Kind::Time)
        pp.repetitions = repetitionsFor(plan, pp.predicted);
    return pp;
}

InterpretedShape interpretedShape(const Plan& plan, const QString& rung, double predicted,
                                  int asked) {
    InterpretedShape s;
    // A budget-sized run is repeated only as often as the budget allows.
    s.repetitions = asked;
    if (predicted > 0)
        s.repetitions = std::clamp(
            static_cast<int>(plan.budgetSeconds * asked / std::max(predicted, 1e-9)), 1, asked);
    const Interpreter* interpreter = interpreterFor(rung);
    s.warmups = interpreter && interpreter->jit ? 1 : 0;
    s.timeoutSeconds =
        60.0 + 10.0 * std::max(predicted, plan.budgetSeconds) * (s.repetitions + s.warmups);
    return s;
}

RoundShare roundShare(const Plan& plan, int repetitions, int round, int rounds) {
    return {(repetitions * round + rounds - 1) / rounds, plan.minSeconds * round / rounds};
}

double remainingSeconds(const Plan& plan, const QList<int>& sizes, const History& history,
                        int index, const std::function<bool(const QString&)>& samplesRows) {
    double remaining = 0;
    int pos = 0;
    for (int sn : sizes) {
        for (const QString& r : plan.rungs) {
            if (pos++ < index)
                continue;
            const auto it = history.constFind(r);
            const double t = it == history.constEnd() ? plan.budgetSeconds * 0.25
                                                      : predictCubic(it->seconds, it->n, sn);
            if (t <= plan.budgetSeconds)
                remaining += t * (repetitionsFor(plan, t) + 1);
            else if (samplesRows(r))
                remaining += plan.budgetSeconds * 1.5; // the warm-up row, then the budget
        }
    }
    return remaining;
}

} // namespace headroom
