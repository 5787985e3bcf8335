// SPDX-License-Identifier: MIT
// The performance chart's data (GFLOP/s against n on log-log axes): per rung its measured line
// and dots, extrapolated and failed points; compared sessions' lines; where the working set
// crosses each cache level; the peak; and the sizes to label under the n axis.
#pragma once

#include "chartdata.h"
#include "theme.h"

namespace headroom::ui::chartdata {

struct PerformanceData : XYChart {
    // Sizes to label under the axis, measured sizes first, then powers of two between them;
    // the chart drops a label that would touch one placed before it.
    QList<double> sizeTicks;
};

struct PerformanceOptions {
    int revealed = -1; // presentation: the first `revealed` rungs (-1: all)
    Theme theme;
};

PerformanceData performanceData(const ResultsModel& model, const PerformanceOptions& options);

// Thousands of sizes cannot all be labelled: at most about `candidates` spread evenly on a log
// axis, then the powers of two in `range` not among them.
QList<double> sizeTicks(QList<double> sizes, Range range, int candidates = 64);

} // namespace headroom::ui::chartdata
