// SPDX-License-Identifier: MIT
// What a chart draws, as plain values: series of points with their look and tooltips, labels
// anchored in data coordinates, axis specs and ranges. The chart-data builders (runtimedata.h,
// performancedata.h, rooflinedata.h) make these from the ResultsModel; the chart widgets only
// turn them into Qt Charts items. No Qt Charts type appears here, so tests check the numbers
// without drawing.
#pragma once

#include <QColor>
#include <QList>
#include <QPair>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <functional>

namespace headroom {
struct PointResult;
}
namespace headroom::ui {
class ResultsModel;
}

namespace headroom::ui::chartdata {

// A value range of an axis.
struct Range {
    double lo = 1;
    double hi = 10;
};

// The extent of the values seen along one axis; positive values only (log axes).
class Extent {
public:
    void add(double v);
    void raiseTop(double v); // the top only: a ceiling above the points
    bool empty() const { return m_hi <= 0; }
    double lo() const { return m_lo; }
    double hi() const { return m_hi; }
    // The extent, or [lo, hi] when nothing was added (an empty chart still needs a log range).
    Range orDefault(double lo, double hi) const;

private:
    double m_lo = 1e300;
    double m_hi = 0;
};

double decadeFloor(double v);
double decadeCeil(double v);
// The decades around r, with `headroom` times the top free above the highest value (room for
// labels): the log axis range of the performance and roofline charts.
Range decadeRange(Range r, double headroom = 1.5);

// The charts' words, translated in the charts' context.
QString tr(const char* source);

// One point's performance on the y extent: timed, not failed, positive.
bool hasRate(const PointResult& p);

// The points a chart's ranges cover: this run's of `rungs`, and the compared sessions' that
// `compared` accepts.
void forEachPoint(const ResultsModel& model, const QStringList& rungs,
                  const std::function<bool(const PointResult&)>& compared,
                  const std::function<void(const PointResult&)>& visit);

// The rungs of this run with results, in ladder order; the first `revealed` of them while the
// presentation steps through the ladder (-1: all).
QStringList shownRungs(const ResultsModel& model, int revealed);

struct AxisSpec {
    double base = 10;
    QString labelFormat;
    int minorTicks = 0;
    QString title;
};

using Tips = QList<QPair<QPointF, QString>>; // a tooltip per data point

enum class MarkerShape { Circle, Rectangle, Triangle, RotatedRectangle, Pentagon, Cross };

struct Pen {
    QColor color;
    qreal width = 0; // 0: the series' default pen
    Qt::PenStyle style = Qt::SolidLine;
};

struct Series {
    enum class Type { Line, Scatter };
    Type type = Type::Line;
    QString name;       // legend text
    QString rung;       // the rung drawn ("" for ceilings, markers, the climb)
    QString group;      // legend group: toggled together, one entry
    int dataset = 0;    // 0: this run; > 0: a compared session
    int pointCount = 0; // data points it stands for (ChartPanel::pointCount)
    QColor keyColor;    // the rung's colour (ChartPanel::colorOf); invalid: none
    QList<QPointF> points;
    Tips tips;
    Pen pen;                    // a line's pen; a scatter's outline when its width is set
    bool pointsVisible = false; // line: a marker on every point
    bool arrows = false;        // line: an arrowhead on every segment, pointing along it
    // Scatter only.
    MarkerShape marker = MarkerShape::Circle;
    qreal markerSize = 0;
    QColor fill;   // Cross: the colour of the X
    QColor border; // invalid: not set
};

// A text anchored at a data point of a series.
struct Label {
    int series = -1; // index in the chart's series: whose axes map it, whose visibility it follows
    QString text;
    QPointF value;
    Qt::Alignment align;
    QColor color;
    qreal fontFactor = 1;
    bool bold = false;
    // Rung names and other labels that must not overprint each other (LabelPlacer::separate).
    bool avoid = false;
    // Lines that run across the plot are labelled at an edge of the plot, not of the data.
    Qt::Edges pin;
    // A flat line's label that would sit on a point moves along or across its line.
    bool clearOfDots = false;
};

// A chart on two log axes: the performance and roofline charts.
struct XYChart {
    QString title;
    QString note; // the explanation above the chart
    AxisSpec x, y;
    Range rangeX, rangeY;
    QList<Series> series; // in drawing order
    QList<Label> labels;
    // Appends and returns the index (for a Label's series).
    int add(Series s);
};

} // namespace headroom::ui::chartdata
