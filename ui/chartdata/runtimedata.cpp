// SPDX-License-Identifier: MIT
#include "runtimedata.h"

#include "chartformat.h"
#include "charttips.h"
#include "compare.h"
#include "laddermodel.h"
#include "report.h"
#include "resultsmodel.h"

#include <format.h>
#include <seedcompare.h>

#include <algorithm>

namespace headroom::ui::chartdata {

namespace {

// A bar before its band, look and label are known.
struct Found {
    QString rung;
    double seconds;
    int row;
    bool paper;
    const PointResult* point;
    int dataset = 0;
    int scaledFrom = 0; // > 0: this machine's time at that n, scaled to the paper's n
    const SeedComparisonRow* paperRow = nullptr; // a paper bar's row, with the paper's speedups
};

// The speedups of this run's bars against the first rung and the rung before, in ladder order.
struct Steps {
    double first = 0, previous = 0;
    const PointResult* previousPoint = nullptr;
};

// A little room beyond the first and last category: Qt Charts drops an end label whose text
// (large type in the presentation theme) would touch the end of the axis.
constexpr double kRowPad = 0.3;

// Every bar at size n: per row this run's (moved to the paper's size by `scale`), the compared
// sessions', the paper's (`vsPaper`); and the rungs that have a point without a time.
QList<Found> findBars(const ResultsModel& model, const QStringList& rungs, int n,
                      const SeedComparison& vsPaper, const PaperScale& scale, const Theme& theme,
                      Extent& time, RuntimeData& data) {
    QList<Found> bars;
    for (int row = 0; row < rungs.size(); ++row) {
        const QString& rung = rungs[row];
        data.rows.append(rungLabel(rung));
        // Scaled to the paper's size, only this machine's times: a compared session keeps its own.
        const int datasets = scale.from > 0 ? 1 : model.datasetCount();
        for (int d = 0; d < datasets; ++d) {
            const PointResult* p = model.find(d, rung, n);
            if (d == 0 && p && !p->hasTime()) {
                QString text = statusName(p->status);
                if (!p->message.isEmpty())
                    text += QStringLiteral(": ") + p->message;
                Label l;
                l.series = 0; // an empty series of its own, on the chart's axes
                l.text = text;
                l.value = QPointF(0, row + 0.5); // x: the left end of the axis, set below
                l.align = Qt::AlignLeft;
                l.color = p->status == PointStatus::Error ? theme.failed : theme.mutedForeground;
                l.fontFactor = 0.9;
                l.pin = Qt::LeftEdge;
                data.notRun.append(l);
            }
            if (p && p->hasTime() && p->seconds > 0) {
                const double seconds = p->seconds * (d == 0 ? scale.factor : 1.0);
                bars.append({rung, seconds, row, false, p, d, d == 0 ? scale.from : 0});
                time.add(seconds);
            }
        }
        if (const SeedComparisonRow* pr = vsPaper.row(rung)) {
            bars.append({rung, pr->paperSeconds, row, true, nullptr, 0, 0, pr});
            time.add(pr->paperSeconds);
        }
    }
    return bars;
}

// The band of a bar inside its row: ours the upper, wider bar; the paper's thinner below it;
// compared sessions one slot each.
void placeBar(RuntimeBar& bar, int row, int datasets, bool withPaper) {
    bar.top = withPaper ? (bar.paper ? row + 0.58 : row + 0.14) : row + 0.2;
    bar.bottom = withPaper ? (bar.paper ? row + 0.86 : row + 0.56) : row + 0.8;
    if (datasets > 1) {
        const int slotCount = datasets + (withPaper ? 1 : 0);
        const int slot = bar.paper ? datasets : bar.dataset;
        const double h = 0.8 / slotCount;
        bar.top = row + 0.1 + slot * h + h * 0.08;
        bar.bottom = bar.top + h * 0.84;
    }
}

void lookOf(RuntimeBar& bar, const Found& f, const Theme& theme) {
    const QColor color =
        f.dataset == 0 ? rungColor(f.rung, theme) : compareColor(f.rung, f.dataset, theme);
    bar.keyColor = f.paper ? QColor() : color;
    const BarKind kind = f.paper                                         ? BarKind::Paper
                         : bar.failed                                    ? BarKind::Failed
                         : (f.point->extrapolated() || f.scaledFrom > 0) ? BarKind::Extrapolated
                                                                         : BarKind::Measured;
    styleBar(bar, kind, color, theme);
    bar.label.color =
        bar.failed ? theme.failed
                   : (f.paper ? theme.mutedForeground : (f.dataset > 0 ? color : theme.foreground));
    bar.label.fontFactor = (f.paper || f.dataset > 0) ? 0.85 : 1.0;
    bar.label.bold = !f.paper;
}

// The paper's bar: its time, and its own table's steps (seedcompare.h).
void paperText(RuntimeBar& bar, const PaperTable& paper, const SeedComparisonRow& r) {
    bar.label.text = format::seconds(bar.seconds);
    bar.tip = u"<b>" + paper.title + u"</b><br>" + rungLabel(bar.rung) + u": " +
              chartfmt::formatNumber(bar.seconds, 2) + u" s at n = " + QString::number(paper.n) +
              u"<br>" + format::ratio(r.paperAbsolute) + u" absolute";
    if (r.paperRelative > 0)
        bar.tip += u", " + format::ratio(r.paperRelative) + u" relative";
}

// A compared machine: its time and how it relates to this machine's at the same n.
void comparedText(RuntimeBar& bar, const Found& f, const ResultsModel& model, int n) {
    const QString label0 = model.dataset(0).label;
    const PointResult* mine = model.find(0, f.rung, n);
    bar.label.text = format::seconds(bar.seconds);
    bar.tip = u"<b>" + model.dataset(f.dataset).label + u"</b><br>" + pointTip(*f.point);
    if (mine && mine->hasTime() && mine->status != PointStatus::Failed && mine->seconds > 0) {
        const double r = mine->seconds / bar.seconds;
        const QString rel = r >= 1 ? tr("%1 faster").arg(format::ratio(r))
                                   : tr("%1 slower").arg(format::ratio(1 / r));
        bar.label.text += u"   " + rel;
        bar.tip += u"<br>" + rel + tr(" than %1").arg(label0.toHtmlEscaped());
    }
    if (f.point->extrapolated())
        bar.label.text = u"\u2248 " + bar.label.text;
}

// This run: time, relative / absolute speedup, ± when the step is within noise.
void ownText(RuntimeBar& bar, const Found& f, Steps& s) {
    if (s.first == 0)
        s.first = bar.seconds;
    const double rel = s.previous > 0 ? s.previous / bar.seconds : 1.0;
    const double abs = s.first / bar.seconds;
    const bool noise = s.previousPoint && withinNoise(*s.previousPoint, *f.point);
    s.previous = bar.seconds;
    s.previousPoint = f.point;
    bar.label.text = format::seconds(bar.seconds) + u"   " + format::ratio(rel) +
                     (noise ? QStringLiteral("\u00b1") : QString()) + u" / " + format::ratio(abs);
    if (f.scaledFrom > 0)
        bar.label.text = u"\u2248 " + bar.label.text + u"  (" +
                         tr("extrapolated from n = %1").arg(f.scaledFrom) + u')';
    else if (f.point->extrapolated())
        bar.label.text = u"\u2248 " + bar.label.text + u"  (" + tr("extrapolated") + u')';
    else if (f.point->sampled())
        bar.label.text += u"  (" + formatSampled(*f.point) + u')';
    bar.tip = pointTip(*f.point) + u"<br>" + format::ratio(rel) + u" vs the rung before, " +
              format::ratio(abs) + u" vs the first";
    if (noise)
        bar.tip += u"<br>\u00b1 " + withinNoiseMeaning();
}

QString groupName(const ResultsModel& model, int dataset, int n, const PaperTable* paper) {
    if (paper)
        return paper->id == QLatin1String("mit6172") ? tr("MIT 6.172, n = 4096")
                                                     : tr("Science 2020, n = 4096");
    if (model.datasetCount() == 1)
        return n > 0 ? tr("This machine, n = %1").arg(n) : tr("This machine");
    const QString label = model.dataset(dataset).label;
    return n > 0 ? tr("%1, n = %2").arg(label).arg(n) : label;
}

} // namespace

RuntimeData runtimeData(const ResultsModel& model, const RuntimeOptions& o) {
    const PaperTable* paper = o.paper.isEmpty() ? nullptr : paperTable(o.paper);
    if (paper && o.bars == RuntimeBars::PaperSteps)
        return paperStepsData(model, o);
    RuntimeData data;
    data.axisTitle = tr("time (seconds, log scale)");
    int n = o.n;
    // TimeAtPaperSize: this machine's times at the size they are moved from, scaled once (in
    // findBars) by the paper's factor.
    PaperScale scale;
    if (paper && o.bars == RuntimeBars::TimeAtPaperSize)
        scale = scaleToPaper(model.dataset(0).results, *paper);
    const int from = scale.from;
    if (from > 0)
        n = from;
    // The paper's bars carry its own table's steps.
    const SeedComparison vsPaper =
        paper ? compareWithPaper(model.dataset(0).results, *paper, n, false) : SeedComparison{};
    // Compared sessions may have rungs this one lacks: each gets its row, unless the
    // presentation is stepping through this session's ladder.
    QStringList rungs = o.revealed < 0 ? model.allRungs() : shownRungs(model, o.revealed);
    if (rungs.isEmpty() && paper && o.revealed < 0) // nothing run yet: the paper's rows
        for (const PaperRow& row : paper->rows)
            rungs << row.rung;
    data.title =
        n > 0 ? tr("Time per rung at n = %1 (lower is better)").arg(n) : tr("Time per rung");
    if (from > 0)
        data.title = tr("Time per rung at n = %1, extrapolated from n = %2 (lower is better)")
                         .arg(paper->n)
                         .arg(from);
    // An export has no note line: differing sizes are said in the title.
    if (paper && n > 0 && from == 0 && n != paper->n)
        data.title = tr("Time per rung at n = %1, the paper's at n = %2").arg(n).arg(paper->n);
    Extent time;
    const QList<Found> found = findBars(model, rungs, n, vsPaper, scale, o.theme, time, data);
    const Range t = time.orDefault(1e-3, 10);
    data.rangeX = {decadeFloor(t.lo), t.hi * 12.0}; // room right of the longest bar for its label
    data.rangeY = {-kRowPad, double(std::max<qsizetype>(1, rungs.size())) + kRowPad};
    data.barBase = data.rangeX.lo / 1e6;
    for (Label& l : data.notRun)
        l.value.setX(data.rangeX.lo);
    Steps steps;
    for (const Found& f : found) {
        RuntimeBar bar;
        bar.rung = f.rung;
        bar.dataset = f.dataset;
        bar.paper = f.paper;
        bar.seconds = f.seconds;
        bar.failed = f.point && f.point->status == PointStatus::Failed;
        placeBar(bar, f.row, from > 0 ? 1 : model.datasetCount(), paper != nullptr);
        lookOf(bar, f, o.theme);
        bar.group = groupName(model, f.dataset, n, f.paper ? paper : nullptr);
        if (f.scaledFrom > 0)
            bar.group = tr("This machine, n = %1 extrapolated from %2").arg(paper->n).arg(n);
        if (f.paper) {
            paperText(bar, *paper, *f.paperRow);
        } else if (bar.failed) {
            bar.label.text = tr("\u2717 failed verification");
            bar.tip = pointTip(*f.point);
        } else if (f.dataset > 0) {
            comparedText(bar, f, model, n);
        } else {
            ownText(bar, f, steps);
        }
        bar.label.value = QPointF(bar.seconds, (bar.top + bar.bottom) / 2);
        bar.label.align = Qt::AlignLeft;
        data.bars.append(bar);
    }
    // Before the first run the paper's bars stand alone, a ghost of what a run will show.
    const bool ghost =
        paper && std::none_of(found.begin(), found.end(), [](const Found& f) { return !f.paper; });
    if (ghost && !found.isEmpty()) {
        data.title =
            tr("%1 at n = %2: press Run to measure yours beside it")
                .arg(paper->id == QLatin1String("mit6172") ? tr("MIT 6.172") : tr("Science 2020"))
                .arg(paper->n);
        data.note = tr("The published times (grey) as a preview; Run measures this machine's "
                       "ladder, or File \u2192 Open reopens a saved run.");
        return data;
    }
    data.note = found.isEmpty() ? tr("No results yet: run the ladder.")
                                : tr("Labels: time, \u00d7 relative to the rung before / "
                                     "\u00d7 absolute (vs the first rung)");
    // Times at different sizes are not comparable: say so where the paper's bars sit beside.
    if (paper && !found.isEmpty() && n > 0 && from == 0 && n != paper->n)
        data.note = tr("Sizes differ: this machine at n = %1, the paper at n = %2 (compare the "
                       "steps, or extrapolate, under Bars)")
                        .arg(n)
                        .arg(paper->n);
    return data;
}

void styleBar(RuntimeBar& bar, BarKind kind, const QColor& color, const Theme& theme) {
    switch (kind) {
    case BarKind::Paper: {
        QColor c = theme.mutedForeground;
        c.setAlphaF(0.35);
        bar.fill = c;
        bar.outline = {theme.mutedForeground, 1};
        break;
    }
    case BarKind::Failed:
        bar.outline = {theme.failed, 2, Qt::DotLine};
        break;
    case BarKind::Extrapolated: {
        QColor fill = color;
        fill.setAlphaF(0.18);
        bar.fill = fill;
        bar.outline = {color, 2, Qt::DashLine};
        break;
    }
    case BarKind::Measured:
        bar.fill = color;
        bar.outline = {color.darker(115), 1};
        break;
    }
}

} // namespace headroom::ui::chartdata
