// SPDX-License-Identifier: MIT
// The paper's steps beside this machine's: paired bars of ratios. A speedup over the row before
// is comparable between machines and sizes where times are not, as long as both sides take it
// over the same pair of rungs (app/seedcompare.h).
#include "runtimedata.h"

#include "chartformat.h"
#include "resultsmodel.h"

#include <format.h>

#include <seedcompare.h>

namespace headroom::ui::chartdata {

namespace {
constexpr double kRowPad = 0.3; // as the time bars: room for the end rows' labels

RuntimeBar stepBar(const SeedComparisonRow& r, const QString& before, bool paperBar, int row,
                   const Theme& theme) {
    RuntimeBar bar;
    bar.rung = r.rung;
    bar.paper = paperBar;
    bar.seconds = paperBar ? r.paperRelative : r.relative;
    bar.top = paperBar ? row + 0.58 : row + 0.14;
    bar.bottom = paperBar ? row + 0.86 : row + 0.56;
    const QColor color = rungColor(r.rung, theme);
    bar.keyColor = paperBar ? QColor() : color;
    styleBar(bar,
             paperBar         ? BarKind::Paper
             : r.extrapolated ? BarKind::Extrapolated
                              : BarKind::Measured,
             color, theme);
    bar.label.text = format::ratio(bar.seconds);
    if (!paperBar)
        bar.label.text += u"   " + tr("%1 the paper's").arg(format::ratio(r.relativeRatio()));
    if (!paperBar && r.extrapolated)
        bar.label.text = u"\u2248 " + bar.label.text;
    bar.label.color = paperBar ? theme.mutedForeground : theme.foreground;
    bar.label.fontFactor = paperBar ? 0.85 : 1.0;
    bar.label.bold = !paperBar;
    bar.label.align = Qt::AlignLeft;
    bar.label.value = QPointF(bar.seconds, (bar.top + bar.bottom) / 2);
    bar.tip = u"<b>" + rungLabel(r.rung) + u"</b> over " + before.toHtmlEscaped() + u"<br>" +
              tr("this machine: %1 (absolute %2)")
                  .arg(format::ratio(r.relative), format::ratio(r.absolute)) +
              u"<br>" +
              tr("the paper: %1 (absolute %2)")
                  .arg(format::ratio(r.paperRelative), format::ratio(r.paperAbsolute));
    return bar;
}
} // namespace

RuntimeData paperStepsData(const ResultsModel& model, const RuntimeOptions& o) {
    RuntimeData data;
    const PaperTable* paper = paperTable(o.paper);
    if (!paper || model.datasetCount() == 0)
        return data;
    const SeedComparison c = compareWithPaper(model.dataset(0).results, *paper, o.n, false);
    data.title = tr("Each step of the paper, here and there (speedup over the step before)");
    data.axisTitle = tr("speedup over the row before (log scale)");
    const QString ours = tr("This machine, n = %1").arg(c.n);
    const QString theirs = paper->id == QLatin1String("mit6172") ? tr("MIT 6.172, n = 4096")
                                                                 : tr("Science 2020, n = 4096");
    Extent ratio;
    for (qsizetype i = 1; i < c.rows.size(); ++i) {
        const SeedComparisonRow& r = c.rows[i];
        const int row = static_cast<int>(i - 1);
        data.rows.append(rungLabel(r.rung));
        const QString before = rungLabel(c.rows[i - 1].rung);
        RuntimeBar paperBar = stepBar(r, before, true, row, o.theme);
        paperBar.group = theirs;
        ratio.add(paperBar.seconds);
        if (r.relative > 0) {
            RuntimeBar bar = stepBar(r, before, false, row, o.theme);
            bar.group = ours;
            ratio.add(bar.seconds);
            data.bars.append(bar);
        } else {
            Label l;
            l.series = 0;
            l.text = tr("no step here: %1 or %2 has no verified time at n = %3")
                         .arg(before, rungLabel(r.rung))
                         .arg(c.n);
            l.value = QPointF(0, row + 0.35);
            l.align = Qt::AlignLeft;
            l.color = o.theme.mutedForeground;
            l.fontFactor = 0.9;
            l.pin = Qt::LeftEdge;
            data.notRun.append(l);
        }
        data.bars.append(paperBar);
    }
    const Range t = ratio.orDefault(0.5, 100);
    data.rangeX = {decadeFloor(t.lo), t.hi * 12.0};
    data.rangeY = {-kRowPad, double(std::max<qsizetype>(1, data.rows.size())) + kRowPad};
    data.barBase = data.rangeX.lo / 1e6;
    for (Label& l : data.notRun)
        l.value.setX(data.rangeX.lo);
    data.note = tr("Each row: the paper's step to this rung from the row before it, and this "
                   "machine's over the same two rungs; ") +
                c.sizeNote();
    return data;
}

} // namespace headroom::ui::chartdata
