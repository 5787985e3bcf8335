// SPDX-License-Identifier: MIT
#include "xychartpanel.h"

#include "thinning.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QKeyEvent>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QPushButton>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QWheelEvent>

#include <cmath>
#include <set>

namespace headroom::ui {

namespace {

// Properties on series: which rung they draw, how many data points they stand for (tests,
// pointCount), which legend group toggles them together, and which dataset they draw (absent =
// 0, this run; > 0 = a compared session).
constexpr const char* kRungProperty = "headroomRung";
constexpr const char* kPointsProperty = "headroomPoints";
constexpr const char* kGroupProperty = "headroomGroup";
constexpr const char* kColorProperty = "headroomColor";
constexpr const char* kDatasetProperty = "headroomDataset";

QImage crossMarker(const QColor& color) {
    // A red X for failed verifications: the scatter markers Qt offers have no X shape.
    QImage img(48, 48, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(color, 9, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(8, 8, 40, 40);
    p.drawLine(40, 8, 8, 40);
    return img;
}

QScatterSeries::MarkerShape qtShape(chartdata::MarkerShape shape) {
    switch (shape) {
    case chartdata::MarkerShape::Rectangle:
        return QScatterSeries::MarkerShapeRectangle;
    case chartdata::MarkerShape::Triangle:
        return QScatterSeries::MarkerShapeTriangle;
    case chartdata::MarkerShape::RotatedRectangle:
        return QScatterSeries::MarkerShapeRotatedRectangle;
    case chartdata::MarkerShape::Pentagon:
        return QScatterSeries::MarkerShapePentagon;
    default:
        return QScatterSeries::MarkerShapeCircle;
    }
}

QXYSeries* makeSeries(const chartdata::Series& s) {
    if (s.type == chartdata::Series::Type::Line) {
        auto* line = new QLineSeries;
        line->append(s.points);
        line->setName(s.name);
        if (s.pen.width > 0)
            line->setPen(QPen(s.pen.color, s.pen.width, s.pen.style));
        if (s.pointsVisible)
            line->setPointsVisible(true);
        return line;
    }
    auto* dots = new QScatterSeries;
    dots->append(s.points);
    dots->setName(s.name);
    if (s.marker == chartdata::MarkerShape::Cross) {
        dots->setMarkerSize(s.markerSize);
        dots->setLightMarker(crossMarker(s.fill));
        return dots;
    }
    if (s.marker != chartdata::MarkerShape::Circle)
        dots->setMarkerShape(qtShape(s.marker));
    dots->setColor(s.fill);
    if (s.border.isValid())
        dots->setBorderColor(s.border);
    if (s.pen.width > 0)
        dots->setPen(QPen(s.pen.color, s.pen.width, s.pen.style));
    dots->setMarkerSize(s.markerSize);
    return dots;
}

} // namespace

// The chart view: rubber-band zoom, wheel zoom around the cursor, reset by double click or Esc.
class ChartView : public QChartView {
public:
    ChartView(QChart* chart, ChartPanel* panel)
        : QChartView(chart, panel)
        , m_panel(panel) {
        setRenderHint(QPainter::Antialiasing);
        setRubberBand(QChartView::RectangleRubberBand);
        setFocusPolicy(Qt::StrongFocus);
        setFrameShape(QFrame::NoFrame);
        setMinimumSize(320, 240);
    }

protected:
    void wheelEvent(QWheelEvent* event) override {
        const double steps = event->angleDelta().y() / 120.0;
        if (steps == 0 || chart() == nullptr)
            return;
        const double factor = std::pow(0.8, steps);
        const QRectF area = chart()->plotArea();
        const QPointF at = chart()->mapFromScene(mapToScene(event->position().toPoint()));
        QRectF r(0, 0, area.width() * factor, area.height() * factor);
        // Keep the point under the cursor where it is.
        r.moveLeft(at.x() - (at.x() - area.left()) * factor);
        r.moveTop(at.y() - (at.y() - area.top()) * factor);
        chart()->zoomIn(r);
        event->accept();
    }
    void mouseDoubleClickEvent(QMouseEvent* event) override {
        m_panel->resetZoom();
        event->accept();
    }
    void keyPressEvent(QKeyEvent* event) override {
        if (event->key() == Qt::Key_Escape || event->key() == Qt::Key_0) {
            m_panel->resetZoom();
            return;
        }
        if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
            chart()->zoomIn();
            return;
        }
        if (event->key() == Qt::Key_Minus) {
            chart()->zoomOut();
            return;
        }
        QChartView::keyPressEvent(event);
    }

private:
    ChartPanel* m_panel;
};

XYChartPanel::XYChartPanel(ResultsModel* model, QWidget* parent)
    : ChartPanel(model, parent) {
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation); // live updates must not queue animations
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_view = new ChartView(m_chart, this);
    static_cast<QVBoxLayout*>(layout())->addWidget(m_view, 1);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] { updateOverlays(); });
    auto* reset = new QPushButton(tr("Reset zoom"));
    reset->setToolTip(tr("Drag a rectangle to zoom, use the wheel to zoom around the cursor; "
                         "double click or Esc resets"));
    connect(reset, &QPushButton::clicked, this, &XYChartPanel::resetZoom);
    m_resetButton = reset;
}

XYChartPanel::~XYChartPanel() {
    // The chart goes first, while this is still whole: a signal of a chart torn down by
    // ~QWidget would otherwise reach updateOverlays() on a panel that is half destroyed.
    m_chart->disconnect(this);
    delete m_view;
}

QChartView* XYChartPanel::chartView() {
    return m_view;
}

QWidget* XYChartPanel::contentWidget() {
    return m_view;
}

void XYChartPanel::resetZoom() {
    m_chart->zoomReset();
    applyRanges();
    updateOverlays();
}

void XYChartPanel::clearChart() {
    for (const Overlay& o : std::as_const(m_overlays)) {
        delete o.item;
        delete o.leader;
        delete o.backdrop;
    }
    m_overlays.clear();
    for (const Arrow& a : std::as_const(m_arrows))
        delete a.head;
    m_arrows.clear();
    m_tips.clear();
    m_chart->removeAllSeries();
    const auto axes = m_chart->axes();
    for (QAbstractAxis* axis : axes) {
        // Hidden first: Qt Charts deletes an axis's drawn labels later, and those of a chart
        // built before the window was laid out stayed on screen over the new axes.
        axis->hide();
        m_chart->removeAxis(axis);
        delete axis;
    }
    m_axisX = nullptr;
    m_axisY = nullptr;
}

void XYChartPanel::rebuildContent() {
    // Rebuild from scratch: the charts are small (tens of points), and a rebuild keeps every
    // derived number (speedups, ranges) consistent with the model.
    clearChart();
    buildChart();
    applyChartTheme();
    // Many rungs: a vertical legend on the right keeps every name whole.
    m_chart->legend()->setAlignment(legendAlignment());
    setupLegend();
    applyRanges();
    updateOverlays();
}

void XYChartPanel::setAxes(QAbstractAxis* x, QAbstractAxis* y) {
    m_axisX = x;
    m_axisY = y;
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    connectZoom(x);
    connectZoom(y);
}

void XYChartPanel::addLogLogAxes(const chartdata::AxisSpec& xSpec,
                                 const chartdata::AxisSpec& ySpec) {
    auto make = [](const chartdata::AxisSpec& spec) {
        auto* axis = new QLogValueAxis;
        axis->setBase(spec.base);
        axis->setLabelFormat(spec.labelFormat);
        axis->setTitleText(spec.title);
        axis->setMinorTickCount(spec.minorTicks);
        return axis;
    };
    setAxes(make(xSpec), make(ySpec));
}

void XYChartPanel::setRanges(chartdata::Range x, chartdata::Range y) {
    m_rangeX = x;
    m_rangeY = y;
    applyRanges(); // before any series is attached: a log axis must never see its default range
}

void XYChartPanel::applyRanges() {
    if (!m_axisX || !m_axisY)
        return;
    // QLogValueAxis does not range itself over several series: always set both ranges.
    m_axisX->setRange(m_rangeX.lo, m_rangeX.hi);
    m_axisY->setRange(m_rangeY.lo, m_rangeY.hi);
}

void XYChartPanel::connectZoom(QAbstractAxis* axis) {
    // A zoom changes the ranges without a new layout: the labels, size ticks and line labels
    // follow it. Queued, and once for a zoom's two ranges: fitting the bar labels sets a range
    // itself.
    auto follow = [this] {
        if (m_overlaysQueued)
            return;
        m_overlaysQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_overlaysQueued = false;
                updateOverlays();
            },
            Qt::QueuedConnection);
    };
    if (auto* log = qobject_cast<QLogValueAxis*>(axis))
        connect(log, &QLogValueAxis::rangeChanged, this, follow);
    else if (auto* value = qobject_cast<QValueAxis*>(axis))
        connect(value, &QValueAxis::rangeChanged, this, follow);
}

void XYChartPanel::tagSeries(QAbstractSeries* series, const QString& rung, const QString& group,
                             int points, const QColor& color, int dataset) {
    series->setProperty(kRungProperty, rung);
    series->setProperty(kColorProperty, color);
    series->setProperty(kGroupProperty, group);
    series->setProperty(kPointsProperty, points);
    series->setProperty(kDatasetProperty, dataset);
}

QXYSeries* XYChartPanel::addXY(QXYSeries* series, const chartdata::Series& data) {
    tagSeries(series, data.rung, data.group, data.pointCount, data.keyColor, data.dataset);
    // A dense series is drawn thinned (thinning.h); its tooltips and the table keep every point.
    constexpr int kDrawBuckets = 200; // about one marker per 10 px across a slide
    if (series->count() > 2 * kDrawBuckets + 2)
        series->replace(thinForDrawing(series->points(), kDrawBuckets));
    m_chart->addSeries(series);
    series->attachAxis(m_axisX);
    series->attachAxis(m_axisY);
    connect(series, &QXYSeries::hovered, this,
            [this, series](const QPointF& point, bool state) { showTip(series, point, state); });
    setTips(series, data.tips);
    return series;
}

QList<QXYSeries*> XYChartPanel::addData(const QList<chartdata::Series>& series,
                                        const QList<chartdata::Label>& labels) {
    QList<QXYSeries*> made;
    for (const chartdata::Series& s : series) {
        made.append(addXY(makeSeries(s), s));
        if (s.arrows)
            addArrows(made.last(), s);
    }
    for (const chartdata::Label& l : labels)
        addLabel(l, made.value(l.series));
    return made;
}

void XYChartPanel::setTips(QAbstractSeries* series, const chartdata::Tips& tips) {
    auto* xy = qobject_cast<QXYSeries*>(series);
    if (!xy || xy->count() >= tips.size()) {
        m_tips[series] = tips;
        return;
    }
    // Thinned for drawing (addXY): only drawn points can be hovered, so only theirs are kept.
    std::set<std::pair<double, double>> drawn;
    const QList<QPointF> points = xy->points();
    for (const QPointF& p : points)
        drawn.emplace(p.x(), p.y());
    chartdata::Tips kept;
    for (const auto& tip : tips)
        if (drawn.count({tip.first.x(), tip.first.y()}))
            kept.append(tip);
    m_tips[series] = kept;
}

void XYChartPanel::showTip(QAbstractSeries* series, const QPointF& point, bool state) {
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const auto it = m_tips.constFind(series);
    if (it == m_tips.constEnd() || it->isEmpty())
        return;
    QString text = it->first().second;
    if (auto* xy = qobject_cast<QXYSeries*>(series); xy && it->size() > 1) {
        // The nearest data point to the cursor, in pixels (axes may be logarithmic).
        const QPointF at = m_chart->mapToPosition(point, series);
        double best = 1e300;
        for (const auto& [value, tip] : *it) {
            const QPointF p = m_chart->mapToPosition(value, series);
            const double d = QLineF(p, at).length();
            if (d < best) {
                best = d;
                text = tip;
            }
        }
    }
    QToolTip::showText(QCursor::pos(), text, m_view);
}

void XYChartPanel::applyChartTheme() {
    const Theme& t = theme();
    m_chart->setTheme(t.dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundBrush(t.background);
    m_chart->setBackgroundRoundness(0);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(t.foreground);
    m_chart->setTitleFont(t.font(1.45, true));
    const qreal margin = 10 * t.fontScale;
    m_chart->setMargins(QMargins(margin, margin, margin * 2, margin));
    m_chart->legend()->setLabelColor(t.foreground);
    m_chart->legend()->setFont(t.font(1.0));
    const auto axes = m_chart->axes();
    for (QAbstractAxis* axis : axes) {
        axis->setLabelsBrush(t.foreground);
        axis->setLabelsFont(t.font(1.05));
        axis->setTitleBrush(t.foreground);
        axis->setTitleFont(t.font(1.1, true));
        axis->setGridLinePen(QPen(t.grid, 1));
        axis->setMinorGridLinePen(QPen(t.grid.lighter(t.dark ? 80 : 104), 0.6));
        axis->setLinePen(QPen(t.mutedForeground, 1));
        axis->setShadesVisible(false);
    }
    QPalette pal = m_view->palette();
    pal.setColor(QPalette::Window, t.background);
    pal.setColor(QPalette::Base, t.background);
    m_view->setPalette(pal);
    m_view->setBackgroundBrush(t.background);
}

void XYChartPanel::setupLegend() {
    // One legend entry per group (a rung, "This machine", the ceilings); a click toggles the
    // whole group, and the entry stays, dimmed, so that it can be clicked back.
    QSet<QString> seen;
    const auto markers = m_chart->legend()->markers();
    for (QLegendMarker* marker : markers) {
        const QString group = marker->series()->property(kGroupProperty).toString();
        const bool first = !group.isEmpty() && !seen.contains(group);
        seen.insert(group);
        marker->setVisible(first);
        if (!first)
            continue;
        const bool hidden = m_hiddenGroups.contains(group);
        if (hidden) {
            const auto all = m_chart->series();
            for (QAbstractSeries* s : all) {
                if (s->property(kGroupProperty).toString() == group)
                    s->setVisible(false);
            }
            marker->setVisible(true);
        }
        if (auto* area = qobject_cast<QAreaSeries*>(marker->series())) {
            // The group's first bar may be hollow (extrapolated, failed): show the group solid.
            const QBrush brush = area->brush();
            if (brush.style() == Qt::NoBrush || brush.color().alphaF() < 0.5)
                marker->setBrush(area->pen().color());
        }
        QColor label = theme().foreground;
        if (hidden)
            label.setAlphaF(0.35);
        marker->setLabelBrush(label);
        connect(marker, &QLegendMarker::clicked, this, [this, group] {
            if (m_hiddenGroups.contains(group))
                m_hiddenGroups.remove(group);
            else
                m_hiddenGroups.insert(group);
            rebuild();
        });
    }
}

int XYChartPanel::pointCount(const QString& rung, int dataset) const {
    int count = 0;
    const auto series = m_chart->series();
    for (QAbstractSeries* s : series) {
        if (s->property(kRungProperty).toString() == rung &&
            s->property(kDatasetProperty).toInt() == dataset)
            count += s->property(kPointsProperty).toInt();
    }
    return count;
}

QColor XYChartPanel::colorOf(const QString& rung, int dataset) const {
    const auto series = m_chart->series();
    for (QAbstractSeries* s : series) {
        if (s->property(kRungProperty).toString() != rung ||
            s->property(kDatasetProperty).toInt() != dataset)
            continue;
        const QColor c = s->property(kColorProperty).value<QColor>();
        if (c.isValid())
            return c;
    }
    return {};
}

} // namespace headroom::ui
