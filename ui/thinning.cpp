// SPDX-License-Identifier: MIT
#include "thinning.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace headroom::ui {

QList<QPointF> thinForDrawing(const QList<QPointF>& points, int buckets) {
    if (buckets < 1 || points.size() <= 2 * qsizetype(buckets))
        return points;
    bool logX = true;
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (const QPointF& p : points)
        logX = logX && p.x() > 0;
    for (const QPointF& p : points) {
        const double x = logX ? std::log(p.x()) : p.x();
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    const double span = hi > lo ? hi - lo : 1.0;
    // Per bucket: the index of its lowest and of its highest point (-1 = empty).
    std::vector<qsizetype> low(size_t(buckets), -1), high(size_t(buckets), -1);
    for (qsizetype i = 0; i < points.size(); ++i) {
        const double x = logX ? std::log(points[i].x()) : points[i].x();
        const auto b = size_t(std::clamp(int((x - lo) / span * buckets), 0, buckets - 1));
        if (low[b] < 0 || points[i].y() < points[low[b]].y())
            low[b] = i;
        if (high[b] < 0 || points[i].y() > points[high[b]].y())
            high[b] = i;
    }
    std::vector<qsizetype> keep{0, points.size() - 1};
    for (size_t b = 0; b < size_t(buckets); ++b) {
        if (low[b] >= 0)
            keep.push_back(low[b]);
        if (high[b] >= 0)
            keep.push_back(high[b]);
    }
    std::sort(keep.begin(), keep.end());
    keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
    QList<QPointF> out;
    out.reserve(qsizetype(keep.size()));
    for (const qsizetype i : keep)
        out.append(points[i]);
    return out;
}

} // namespace headroom::ui
