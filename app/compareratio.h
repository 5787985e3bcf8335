// SPDX-License-Identifier: MIT
// How two machines compare, rung by rung: session B's GFLOP/s over session A's at sizes both
// measured (the compare view's ratio table).
#pragma once

#include "dataset.h"

#include <QList>
#include <QString>

namespace headroom {

// One row of the ratio table.
struct RungRatio {
    QString rung;
    int n = 0; // the largest n with a verified time in both datasets
    double gflopsA = 0;
    double gflopsB = 0;
    double ratio = 0;          // gflopsB / gflopsA
    bool extrapolated = false; // one side is a prediction, not a measurement
};

// Per rung (ladder order, rungs in both sessions): B / A at the largest common n where both are
// verified; if there is none, the largest common n where both have a time and the row is
// marked extrapolated. Rungs with no common n are left out.
QList<RungRatio> rungRatios(const Session& a, const Session& b);

// The same ratio at every common n of one rung (for the tooltip and tests).
QList<RungRatio> rungRatiosAllSizes(const Session& a, const Session& b, const QString& rung);

} // namespace headroom
