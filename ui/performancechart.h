// SPDX-License-Identifier: MIT
// The performance chart: GFLOP/s against n on log-log axes, a line per rung, the cache limits
// and the peak. Its data: chartdata/performancedata.h.
#pragma once

#include "xychartpanel.h"

class QGraphicsLineItem;
class QGraphicsSimpleTextItem;

namespace headroom::ui {

class PerformanceChart : public XYChartPanel {
    Q_OBJECT

public:
    explicit PerformanceChart(ResultsModel* model, QWidget* parent = nullptr);
    ChartKind kind() const override { return ChartKind::Gflops; }

protected:
    void buildChart() override;
    void beforeOverlays() override;

private:
    void clearSizeTicks();

    // The n axis labels its measured sizes (200, 1000), not only the powers of two a log axis
    // can label: its own labels are kept for their room but not drawn, and these are placed
    // under the plot instead, measured sizes first.
    struct SizeTick {
        double n = 0;
        QGraphicsSimpleTextItem* label = nullptr;
        QGraphicsLineItem* mark = nullptr;
    };
    QList<SizeTick> m_sizeTicks;
};

} // namespace headroom::ui
