// SPDX-License-Identifier: MIT
// The roofline chart's data: this machine's compute ceilings (measured solid, theoretical dotted,
// ISAs within 3 % merged into one line) and bandwidth roofs, every rung's points at their own
// arithmetic intensity, compared sessions' points and roofs, and the climb through the rungs.
#pragma once

#include "chartdata.h"
#include "theme.h"

namespace headroom::ui::chartdata {

struct RooflineOptions {
    static constexpr int kAllSizes = -1;  // every size's points, no climb
    int n = 0;                            // the size shown, or kAllSizes
    int revealed = -1;                    // presentation: the first `revealed` rungs (-1: all)
    QString level = QStringLiteral("l1"); // x: "l1" (cache-aware) or "dram" (classic) intensity
    Theme theme;
};

using RooflineData = XYChart;

RooflineData rooflineData(const ResultsModel& model, const RooflineOptions& options);

// The x of a point: its intensity at `level` ("l1" or "dram"); n/12, compulsory traffic, for a
// point of an older session without one.
double pointIntensity(const PointResult& p, const QString& level);

} // namespace headroom::ui::chartdata
