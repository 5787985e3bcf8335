// SPDX-License-Identifier: MIT
#include "performancedata.h"

#include "chartformat.h"
#include "charttips.h"
#include "compare.h"
#include "resultsmodel.h"
#include "thinning.h"

#include <format.h>

#include <algorithm>
#include <cmath>

namespace headroom::ui::chartdata {

namespace {

// The sizes measured, with a small margin (the cache markers inside it are drawn; a plan of
// small sizes is not squeezed into a corner by a marker at n = 2048); GFLOP/s by decades up
// to the peak.
void computeRanges(PerformanceData& data, const ResultsModel& model, const QStringList& rungs,
                   double peak) {
    Extent n, rate;
    forEachPoint(
        model, rungs, [](const PointResult& p) { return p.status == PointStatus::Verified; },
        [&](const PointResult& p) {
            n.add(p.n);
            if (hasRate(p))
                rate.add(p.gflops);
        });
    const Range nr = n.orDefault(64, 2048);
    Range g = rate.orDefault(0.1, 10);
    if (peak > 0)
        g.hi = std::max(g.hi, peak);
    data.rangeX = {nr.lo / 1.25, nr.hi * 1.25};
    if (data.rangeX.hi / data.rangeX.lo < 2.5) {
        // One or two close sizes: some width, centred on them, so the axis has ticks.
        const double mid = std::sqrt(nr.lo * nr.hi);
        data.rangeX = {mid / 1.6, mid * 1.6};
    }
    data.rangeY = decadeRange(g);
}

Series scatter(const QString& name, const QString& rung, const QColor& color, qreal size) {
    Series s;
    s.type = Series::Type::Scatter;
    s.name = name;
    s.rung = rung;
    s.group = name;
    s.fill = color;
    s.border = color;
    s.markerSize = size;
    return s;
}

// One rung of this run: its measured line and dots, sampled marks, the dashed extrapolation,
// failed points on the floor.
void addRung(PerformanceData& data, const ResultsModel& model, const QString& rung,
             const Theme& theme) {
    const QColor color = rungColor(rung, theme);
    const QString name = rungLabel(rung);
    Series line;
    line.name = line.group = name;
    line.rung = rung;
    line.pen = {color, 2.5};
    Series dots = scatter(name, rung, color, 10);
    dots.keyColor = color;
    Series marks = scatter(name, rung, theme.foreground, 4);
    Series extraLine = line;
    extraLine.pen = {color, 2, Qt::DashLine};
    Series extraDots = scatter(name, rung, theme.background, 11); // hollow: a ring
    extraDots.border = color;
    extraDots.pen = {color, 2};
    extraDots.keyColor = color;
    Series failed = scatter(name, rung, theme.failed, 16);
    failed.marker = MarkerShape::Cross;
    failed.border = QColor();
    const QList<PointResult> points = model.points(0, rung);
    const PointResult* lastMeasured = nullptr;
    for (const PointResult& p : points) {
        const QPointF at(p.n, p.gflops);
        if (p.status == PointStatus::Verified && p.gflops > 0) {
            dots.points.append(at);
            dots.tips.append({at, pointTip(p)});
            if (p.sampled())
                marks.tips.append(dots.tips.last());
            lastMeasured = &p;
        } else if (p.extrapolated() && p.gflops > 0) {
            if (extraLine.points.isEmpty() && lastMeasured)
                extraLine.points.append(QPointF(lastMeasured->n, lastMeasured->gflops));
            extraLine.points.append(at);
            extraDots.points.append(at);
            extraDots.tips.append({at, pointTip(p)});
        } else if (p.status == PointStatus::Failed) {
            // On the floor of the chart: a failed kernel is not fast, however quick it was.
            const QPointF floor(p.n, data.rangeY.lo * 1.15);
            failed.points.append(floor);
            failed.tips.append({floor, pointTip(p)});
        }
    }
    line.points = dots.points;
    line.tips = dots.tips;
    dots.pointCount = int(dots.points.size());
    data.add(line);
    data.add(dots);
    if (!marks.tips.isEmpty()) {
        for (const auto& t : std::as_const(marks.tips))
            marks.points.append(t.first);
        data.add(marks);
    }
    if (!extraDots.points.isEmpty()) {
        extraLine.tips = extraDots.tips;
        const QPointF from = extraLine.points.first();
        const QPointF to = extraLine.points.last();
        const int at = data.add(extraLine);
        extraDots.pointCount = int(extraDots.points.size());
        data.add(extraDots);
        // Under the middle of the dashed stretch (on the log-log axes), not under a point:
        // labels of slow rungs close in speed are stacked, and one pushed down onto the points
        // below would hide them.
        const QPointF middle(std::sqrt(from.x() * to.x()), std::sqrt(from.y() * to.y()));
        data.labels.append({at, tr("extrapolated"), middle, Qt::AlignHCenter | Qt::AlignTop, color,
                            0.8, false, true});
    }
    if (!failed.points.isEmpty()) {
        failed.pointCount = int(failed.points.size());
        const QPointF first = failed.points.first();
        const int at = data.add(failed);
        data.labels.append(
            {at, tr("failed"), first, Qt::AlignHCenter | Qt::AlignBottom, theme.failed, 0.8, true});
    }
}

// Compared machines (#6): their measured points as thinner lines in a colour family of their
// own, named with the dataset's label.
void addCompared(PerformanceData& data, const ResultsModel& model, const Theme& theme) {
    for (int d = 1; d < model.datasetCount(); ++d) {
        const QString label = model.dataset(d).label;
        for (const QString& rung : model.rungs(d)) {
            Series line;
            for (const PointResult& p : model.points(d, rung)) {
                if (p.status != PointStatus::Verified || p.gflops <= 0)
                    continue;
                line.points.append(QPointF(p.n, p.gflops));
                line.tips.append({QPointF(p.n, p.gflops), label + u"<br>" + pointTip(p)});
            }
            if (line.points.isEmpty())
                continue;
            line.name = line.group = rungLabel(rung) + u" — " + label;
            line.rung = rung;
            line.dataset = d;
            line.keyColor = compareColor(rung, d, theme);
            line.pen = {line.keyColor, 2, comparePenStyle(d)};
            line.pointsVisible = true;
            line.pointCount = int(line.points.size());
            data.add(line);
        }
    }
}

// Where the working set 3*8*n^2 crosses each cache level: beyond it, C, A and B no longer fit.
void addCacheMarkers(PerformanceData& data, const EffectiveCaches& c, const Theme& theme) {
    const QList<QPair<QString, qint64>> levels = {
        {QStringLiteral("L1d"), c.l1d}, {QStringLiteral("L2"), c.l2}, {QStringLiteral("L3"), c.l3}};
    for (const auto& [name, bytes] : levels) {
        if (bytes <= 0)
            continue;
        const double n = std::sqrt(double(bytes) / 24.0);
        if (n < data.rangeX.lo || n > data.rangeX.hi)
            continue; // outside the sizes measured
        Series marker;
        marker.points = {QPointF(n, data.rangeY.lo), QPointF(n, data.rangeY.hi)};
        marker.pen = {theme.mutedForeground, 1.5, Qt::DashDotLine};
        marker.name = marker.group = tr("cache limits (3\u00b78\u00b7n\u00b2 bytes)");
        const QPointF top(n, data.rangeY.hi);
        marker.tips = {{top, tr("3\u00b78\u00b7n\u00b2 bytes = %1 (%2) at n \u2248 %3")
                                 .arg(name, format::bytes(bytes))
                                 .arg(qRound(n))}};
        const int at = data.add(marker);
        Label l{at,
                name + u' ' + format::bytes(bytes),
                top,
                Qt::AlignLeft | Qt::AlignTop,
                theme.mutedForeground,
                0.85};
        l.pin = Qt::TopEdge;
        data.labels.append(l);
    }
}

void addPeak(PerformanceData& data, double peak, bool measured, const Theme& theme) {
    Series line;
    line.points = {QPointF(data.rangeX.lo, peak), QPointF(data.rangeX.hi, peak)};
    line.pen = {theme.peak, 2, Qt::DashLine};
    line.name = line.group = measured ? tr("measured peak") : tr("theoretical peak");
    const QString text =
        (measured ? tr("measured peak %1 GFLOP/s") : tr("theoretical peak %1 GFLOP/s"))
            .arg(chartfmt::formatNumber(peak, 1));
    line.tips = {{line.points.first(), text}};
    const int at = data.add(line);
    Label l{at, text, line.points.first(), Qt::AlignLeft | Qt::AlignBottom, theme.peak, 0.9, true};
    l.pin = Qt::LeftEdge;
    l.clearOfDots = true;
    data.labels.append(l);
}

} // namespace

QList<double> sizeTicks(QList<double> ticks, Range range, int candidates) {
    std::sort(ticks.begin(), ticks.end());
    ticks.erase(std::unique(ticks.begin(), ticks.end()), ticks.end());
    // A label item per size made a dense session slow to draw.
    if (ticks.size() > candidates) {
        QList<QPointF> asPoints;
        for (double n : std::as_const(ticks))
            asPoints.append(QPointF(n, 0));
        ticks.clear();
        for (const QPointF& p : thinForDrawing(asPoints, candidates / 2))
            if (ticks.isEmpty() || ticks.last() != p.x())
                ticks.append(p.x());
    }
    for (double p = std::exp2(std::floor(std::log2(range.lo))); p <= range.hi; p *= 2)
        if (!ticks.contains(p))
            ticks.append(p);
    return ticks;
}

PerformanceData performanceData(const ResultsModel& model, const PerformanceOptions& o) {
    PerformanceData data;
    const QStringList rungs = shownRungs(model, o.revealed);
    data.title = tr("Performance vs matrix size (higher is better)");
    data.x = {2, QStringLiteral("%d"), 0, tr("matrix size n (log scale)")};
    data.y = {10, QStringLiteral("%g"), 8, tr("GFLOP/s (double precision, log scale)")};
    const Machine& machine = model.dataset(0).machine;
    const double peak = machine.referencePeakGflops(model.dataset(0).plan.threads);
    if (peak <= 0)
        data.title = tr("Performance vs matrix size (no peak line: limits not measured)");
    computeRanges(data, model, rungs, peak);
    QList<double> sizes;
    for (int d = 0; d < model.datasetCount(); ++d)
        for (int n : model.sizes(d))
            sizes.append(n);
    data.sizeTicks = sizeTicks(sizes, data.rangeX);
    for (const QString& rung : rungs)
        addRung(data, model, rung, o.theme);
    addCompared(data, model, o.theme);
    addCacheMarkers(data, machine.caches, o.theme);
    if (peak > 0)
        addPeak(data, peak, machine.limits && machine.limits->peakMeasuredGflops > 0, o.theme);
    data.note = rungs.isEmpty() ? tr("No results yet: run the ladder.")
                                : tr("Hollow, dashed = extrapolated by n\u00b3; dark centre = "
                                     "sampled (whole rows, scaled); red \u2717 = failed "
                                     "verification (drawn at the bottom)");
    return data;
}

} // namespace headroom::ui::chartdata
