// SPDX-License-Identifier: MIT
#include "performancechart.h"

#include "chartdata/performancedata.h"
#include "resultsmodel.h"

#include <QChart>
#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
#include <QLogValueAxis>

#include <algorithm>
#include <cmath>

namespace headroom::ui {

PerformanceChart::PerformanceChart(ResultsModel* model, QWidget* parent)
    : XYChartPanel(model, parent) {
    finishControls(m_resetButton);
    rebuild();
}

void PerformanceChart::clearSizeTicks() {
    for (const SizeTick& t : std::as_const(m_sizeTicks)) {
        delete t.label;
        delete t.mark;
    }
    m_sizeTicks.clear();
}

void PerformanceChart::buildChart() {
    clearSizeTicks();
    const chartdata::PerformanceData data =
        chartdata::performanceData(*model(), {revealedRungs(), theme()});
    m_chart->setTitle(data.title);
    addLogLogAxes(data.x, data.y);
    setRanges(data.rangeX, data.rangeY);
    for (double n : data.sizeTicks) {
        auto* label = new QGraphicsSimpleTextItem(QString::number(n, 'f', 0), m_chart);
        auto* mark = new QGraphicsLineItem(m_chart);
        label->setZValue(20);
        mark->setZValue(20);
        m_sizeTicks.append({n, label, mark});
    }
    addData(data.series, data.labels);
    setNote(data.note);
}

void PerformanceChart::beforeOverlays() {
    auto* axis = qobject_cast<QLogValueAxis*>(m_axisX);
    if (m_sizeTicks.isEmpty() || !axis || axis->min() <= 0 || axis->max() <= axis->min())
        return;
    // The axis's own labels keep their room under the plot; they are not drawn.
    axis->setLabelsBrush(Qt::transparent);
    const QRectF area = m_chart->plotArea();
    const double lmin = std::log(axis->min()), lspan = std::log(axis->max()) - lmin;
    const qreal markLength = 5 * theme().fontScale;
    const qreal gap = 10 * theme().fontScale;
    QList<QRectF> placed;
    for (const SizeTick& t : std::as_const(m_sizeTicks)) {
        const qreal x = area.left() + area.width() * (std::log(t.n) - lmin) / lspan;
        t.label->setFont(axis->labelsFont());
        t.label->setBrush(theme().foreground);
        const QRectF box = t.label->boundingRect();
        const QRectF at(x - box.width() / 2, area.bottom() + markLength + 2, box.width(),
                        box.height());
        const bool inside = x >= area.left() - 0.5 && x <= area.right() + 0.5;
        const bool free = std::none_of(placed.begin(), placed.end(), [&](const QRectF& r) {
            return r.adjusted(-gap, 0, gap, 0).intersects(at);
        });
        const bool shown = inside && free;
        t.label->setVisible(shown);
        t.mark->setVisible(shown);
        if (!shown)
            continue;
        placed.append(at);
        t.label->setPos(at.topLeft());
        t.mark->setPen(QPen(theme().foreground, 1));
        t.mark->setLine(x, area.bottom(), x, area.bottom() + markLength);
    }
}

} // namespace headroom::ui
