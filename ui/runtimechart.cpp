// SPDX-License-Identifier: MIT
#include "runtimechart.h"

#include "chartdata/runtimedata.h"
#include "resultsmodel.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QComboBox>
#include <QFontMetrics>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>

#include <cmath>

namespace headroom::ui {

RuntimeChart::RuntimeChart(ResultsModel* model, QWidget* parent)
    : XYChartPanel(model, parent) {
    addSizeBox(tr("The matrix size the ladder is shown at"), false);
    addPaperBox(true);
    auto* barsLabel = new QLabel(tr("Bars:"));
    m_barsBox = new QComboBox;
    m_barsBox->addItem(tr("time"), int(chartdata::RuntimeBars::Time));
    m_barsBox->addItem(tr("time at its n"), int(chartdata::RuntimeBars::TimeAtPaperSize));
    m_barsBox->addItem(tr("its steps"), int(chartdata::RuntimeBars::PaperSteps));
    m_barsBox->setToolTip(tr("Beside a paper: times at different sizes do not compare; its "
                             "steps (speedup over the row before) do, or this machine's times "
                             "scaled by n\u00b3 to the paper's size (marked extrapolated)"));
    barsLabel->setBuddy(m_barsBox);
    controlsRow()->addWidget(barsLabel);
    controlsRow()->addWidget(m_barsBox);
    connect(m_barsBox, &QComboBox::activated, this, [this](int index) {
        setBars(static_cast<chartdata::RuntimeBars>(m_barsBox->itemData(index).toInt()));
    });
    finishControls(m_resetButton);
    updateBarsBox();
    rebuild();
}

void RuntimeChart::setPaper(const QString& id) {
    XYChartPanel::setPaper(id);
    updateBarsBox();
}

void RuntimeChart::setBars(chartdata::RuntimeBars bars) {
    m_bars = bars;
    updateBarsBox();
    rebuild();
}

void RuntimeChart::updateBarsBox() {
    if (!m_barsBox)
        return;
    m_barsBox->setEnabled(!paper().isEmpty()); // without a paper the bars are times at n
    m_barsBox->setCurrentIndex(m_barsBox->findData(int(m_bars)));
}

void RuntimeChart::buildChart() {
    const chartdata::RuntimeData data =
        chartdata::runtimeData(*model(), {size(), revealedRungs(), paper(), theme(), m_bars});
    m_chart->setTitle(data.title);
    auto* y = new QCategoryAxis;
    y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    y->setReverse(true); // the ladder reads top-down: Python first
    y->setGridLineVisible(false);
    auto* x = new QLogValueAxis;
    x->setBase(10);
    x->setLabelFormat(QStringLiteral("%g"));
    x->setTitleText(data.axisTitle);
    x->setMinorTickCount(8);
    setAxes(x, y);
    for (int row = 0; row < data.rows.size(); ++row)
        y->append(data.rows[row], row + 1.0); // the category spans [row, row + 1]
    y->setStartValue(0);
    m_runtimeMaxX = data.rangeX.hi;
    setRanges(data.rangeX, data.rangeY);

    for (const chartdata::RuntimeBar& b : data.bars) {
        auto* upper = new QLineSeries;
        upper->append(data.barBase, b.top);
        upper->append(b.seconds, b.top);
        auto* lower = new QLineSeries;
        lower->append(data.barBase, b.bottom);
        lower->append(b.seconds, b.bottom);
        auto* area = new QAreaSeries(upper, lower);
        // QAreaSeries does not own its boundary series: parent them to it, or they leak.
        upper->setParent(area);
        lower->setParent(area);
        area->setBrush(b.fill.isValid() ? QBrush(b.fill) : QBrush(Qt::NoBrush));
        area->setPen(QPen(b.outline.color, b.outline.width, b.outline.style));
        area->setName(b.group);
        tagSeries(area, b.rung, b.group, b.paper ? 0 : 1, b.keyColor, b.dataset);
        m_chart->addSeries(area);
        area->attachAxis(x);
        area->attachAxis(y);
        connect(area, &QAreaSeries::hovered, this,
                [this, area](const QPointF& point, bool state) { showTip(area, point, state); });
        const chartdata::Tips tips{{b.label.value, b.tip}};
        setTips(area, tips);
        addLabel(b.label, area);
        if (b.failed) {
            chartdata::Series cross;
            cross.type = chartdata::Series::Type::Scatter;
            cross.marker = chartdata::MarkerShape::Cross;
            cross.markerSize = 16;
            cross.fill = theme().failed;
            cross.points = {b.label.value};
            cross.name = cross.group = b.group;
            cross.rung = b.rung;
            cross.dataset = b.dataset;
            cross.tips = tips;
            addData({cross}, {});
        }
    }
    if (!data.notRun.isEmpty()) {
        // Rungs that did not run at this size say why, in their row, instead of an empty gap.
        addData({chartdata::Series{}}, data.notRun);
    }
    setNote(data.note);
}

void RuntimeChart::beforeOverlays() {
    // A bar's label goes right of the bar. The longest bars' labels (Python's, in large type)
    // can need more room than the fixed margin gives: widen the time axis until every label
    // fits beside its bar instead of being pushed back over it. Never while zoomed.
    // The width is worked out from the axis as built, not from the current end: the plot is laid
    // out several times on its way to its final size, and an end widened for a narrow first
    // layout would otherwise stay (a third of the plot empty at 1920 x 1080).
    const QRectF area = m_chart->plotArea();
    const double width = area.width();
    if (m_chart->isZoomed() || width < 100 || m_rangeX.lo <= 0 || m_runtimeMaxX <= m_rangeX.lo)
        return;
    const double lmin = std::log10(m_rangeX.lo);
    const double span = std::log10(m_rangeX.hi) - lmin;
    double needed = std::log10(m_runtimeMaxX) - lmin;
    for (const Overlay& o : std::as_const(m_overlays)) {
        if (!(o.align & Qt::AlignLeft) || !o.series || !o.series->isVisible() ||
            !qobject_cast<QAreaSeries*>(o.series) || o.value.x() <= 0)
            continue;
        const double label = o.item->boundingRect().width() + 10; // gap + clamp margin
        if (label > width * 0.8)
            continue; // would squash every bar; the clamp keeps it inside instead
        needed = std::max(needed, (std::log10(o.value.x()) - lmin) * width / (width - label));
    }
    if (m_fittingLabels)
        return;
    m_fittingLabels = true;
    // Ten decades on a slide-sized plot leave less room per decade than a label such as "1e+06"
    // takes, and the labels run into each other: then every other decade is labelled.
    if (auto* axis = qobject_cast<QLogValueAxis*>(m_axisX)) {
        const int labelWidth =
            QFontMetrics(axis->labelsFont()).horizontalAdvance(QStringLiteral("1e+06")) + 16;
        const double base = width / needed < labelWidth ? 100 : 10;
        if (axis->base() != base) {
            axis->setBase(base);
            axis->setMinorTickCount(base == 10 ? 8 : 0);
        }
    }
    if (std::abs(needed - span) > span * 1e-4) {
        m_rangeX.hi = std::pow(10.0, lmin + needed);
        applyRanges();
    }
    m_fittingLabels = false;
}

} // namespace headroom::ui
