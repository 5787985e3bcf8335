// SPDX-License-Identifier: MIT
// What the three QChart views share: the zoomable chart view, axes and their ranges, series made
// from chart data (chartdata.h) with their tooltips and legend groups, and the labels overlaid
// on the plot (placed by LabelPlacer), following zooms and resizes.
#pragma once

#include "chartdata/chartdata.h"
#include "chartpanel.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QPointF>
#include <QPointer>
#include <QSet>

class QAbstractAxis;
class QAbstractSeries;
class QXYSeries;
class QGraphicsLineItem;
class QGraphicsPathItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace headroom::ui {

class ChartView;
class LabelPlacer;

class XYChartPanel : public ChartPanel {
    Q_OBJECT

public:
    ~XYChartPanel() override;
    QChart* chart() override { return m_chart; }
    QChartView* chartView() override;
    QWidget* contentWidget() override;
    void resetZoom() override;
    int pointCount(const QString& rung, int dataset = 0) const override;
    QColor colorOf(const QString& rung, int dataset = 0) const override;

protected:
    struct Overlay {
        QGraphicsSimpleTextItem* item = nullptr;
        QPointF value;                    // anchor in data coordinates
        QPointer<QAbstractSeries> series; // whose axes map it (and whose visibility it follows)
        Qt::Alignment align;              // where the text sits relative to the anchor
        bool avoid = false;               // moved apart from the others (LabelPlacer::separate)
        Qt::Edges pin;                    // follows that edge of the plot area
        bool clearOfDots = false;         // moves along its line off the points
        QGraphicsLineItem* leader = nullptr;
        QGraphicsRectItem* backdrop = nullptr;
    };

    XYChartPanel(ResultsModel* model, QWidget* parent);
    void rebuildContent() final;
    // Adds the axes and series of the view; the chart is empty.
    virtual void buildChart() = 0;
    // Before labels are placed on a new layout or zoom (the runtime chart widens its time axis
    // for its bar labels; the performance chart places its size ticks).
    virtual void beforeOverlays() {}
    virtual Qt::Alignment legendAlignment() const { return Qt::AlignRight; }

    // The log-log axes of the performance and roofline charts, kept as m_axisX/Y.
    void addLogLogAxes(const chartdata::AxisSpec& x, const chartdata::AxisSpec& y);
    void setAxes(QAbstractAxis* x, QAbstractAxis* y); // added to the chart, zoom followed
    void setRanges(chartdata::Range x, chartdata::Range y);
    void applyRanges();
    // The series and labels of `data`, in order; returns the series made.
    QList<QXYSeries*> addData(const QList<chartdata::Series>& series,
                              const QList<chartdata::Label>& labels);
    void addLabel(const chartdata::Label& label, QAbstractSeries* series);
    QXYSeries* addXY(QXYSeries* series, const chartdata::Series& data);
    void setTips(QAbstractSeries* series, const chartdata::Tips& tips);
    void showTip(QAbstractSeries* series, const QPointF& point, bool state);
    void tagSeries(QAbstractSeries* series, const QString& rung, const QString& group, int points,
                   const QColor& color, int dataset);
    void updateOverlays();

    QChart* m_chart = nullptr;
    ChartView* m_view = nullptr;
    QAbstractAxis* m_axisX = nullptr;
    QAbstractAxis* m_axisY = nullptr;
    chartdata::Range m_rangeX, m_rangeY;
    QList<Overlay> m_overlays;
    // Arrowheads along a line series (chartdata::Series::arrows), one per segment, placed in
    // pixels so that a log-log plot does not skew them.
    struct Arrow {
        QGraphicsPathItem* head = nullptr;
        QPointF from, to; // the segment in data coordinates
        QPointer<QAbstractSeries> series;
    };
    QList<Arrow> m_arrows;
    bool m_fittingLabels = false;     // a new range re-lays the plot out: no fitting inside fitting
    QWidget* m_resetButton = nullptr; // "Reset zoom", for the end of the controls row

private:
    void clearChart();
    void applyChartTheme();
    void setupLegend();
    void connectZoom(QAbstractAxis* axis);
    bool coversADot(const QRectF& box) const;
    void placeOverlay(const Overlay& o, LabelPlacer& placer);
    void addArrows(QXYSeries* line, const chartdata::Series& data);
    void placeArrow(const Arrow& a, const QRectF& area);
    void separateLabels(LabelPlacer& placer);

    bool m_overlaysQueued = false; // one overlay update per burst of range changes
    QHash<QAbstractSeries*, chartdata::Tips> m_tips; // tooltip per data point
    QSet<QString> m_hiddenGroups;                    // legend groups switched off
};

} // namespace headroom::ui
