// SPDX-License-Identifier: MIT
// The runner's arithmetic, apart from any timing: what a point is predicted to cost, how often it
// is timed, how its interpreted run is shaped, each round's share of an interleaved native batch,
// and the time a run has left. Pure functions of the plan and of what was measured so far.
#pragma once

#include "plan.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace headroom {

// A rung's largest measured (or calibrated) point: predictions at larger sizes start from it.
struct Measured {
    int n = 0;
    double seconds = 0;
};
using History = QHash<QString, Measured>; // rung id -> largest measured point

// Predicted seconds at `n` from a measurement t0 at n0: t0 * (n/n0)^3 (t0 when n0 <= 0).
double predictCubic(double t0, int n0, int n);

// Samples to take of a point predicted at `predicted` seconds (-1: unknown): what the plan asks,
// and enough for a 95 % interval of the median when they fit in the point's budget.
int repetitionsFor(const Plan& plan, double predicted);

// How a point will be run: timed, sampled by rows (over the budget, a row-uniform rung), or
// extrapolated (over the budget otherwise). `predicted` is -1 for a rung never measured.
struct PointPlan {
    enum class Kind { Time, Sample, Extrapolate };
    Kind kind = Kind::Time;
    double predicted = -1;
    int repetitions = 0; // for Kind::Time
    int from = 0;        // the size the prediction comes from (0: none)
};
PointPlan planPoint(const Plan& plan, const History& history, const QString& rung, int n,
                    bool canSampleRows);

// An interpreted point's run: repetitions within the budget, a warm-up under a JIT, and a
// timeout generous enough for a slow but healthy interpreter.
struct InterpretedShape {
    int repetitions = 1;
    int warmups = 0;
    double timeoutSeconds = 60;
};
InterpretedShape interpretedShape(const Plan& plan, const QString& rung, double predicted,
                                  int asked);

// A native point's share after round `round` of `rounds`: at least `repetitions` samples and
// `minSeconds` of timed runs by the last round, growing evenly.
struct RoundShare {
    int repetitions = 0;
    double seconds = 0;
};
RoundShare roundShare(const Plan& plan, int repetitions, int round, int rounds);

// Seconds the run has left after the first `index` points (sizes ascending, rungs in plan
// order): each at its prediction, a never-measured one at a quarter of the budget, an
// over-budget one sampled (`samplesRows(rung)`) at a warm-up row and the budget, and an
// extrapolated one at nothing.
double remainingSeconds(const Plan& plan, const QList<int>& sizes, const History& history,
                        int index, const std::function<bool(const QString&)>& samplesRows);

} // namespace headroom
