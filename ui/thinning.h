// SPDX-License-Identifier: MIT
// Thinning a dense series for drawing: a chart item per point makes a 100,000-point session
// take seconds and gigabytes to draw, while a slide shows at most a few hundred distinct
// markers across its width. The table and the tooltips keep every point.
#pragma once

#include <QList>
#include <QPointF>

namespace headroom::ui {

// At most 2 x `buckets` + 2 of `points`, in their order: x is cut into `buckets` equal spans (on a
// log scale when every x > 0), and each span keeps its lowest and its highest point, so that
// the shape, the extremes and the first and last points stay. Fewer points come back unchanged.
QList<QPointF> thinForDrawing(const QList<QPointF>& points, int buckets);

} // namespace headroom::ui
