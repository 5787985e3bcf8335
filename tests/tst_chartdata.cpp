// SPDX-License-Identifier: MIT
// The chart-data builders without Qt Charts: axis ranges cover every point on the log axes (and
// stay positive on an empty chart), compute ceilings within 3 % merge into one labelled line,
// roofline points sit at their own intensities, one series per rung and a bar per rung and
// dataset, the runtime labels carry the speedups of the data, the size ticks under the n axis.
#include "chartdata/chartformat.h"
#include "chartdata/performancedata.h"
#include "chartdata/rooflinedata.h"
#include "chartdata/runtimedata.h"
#include "resultsmodel.h"
#include "theme.h"
#include "ui_export_fixtures.h"

#include <format.h>

#include <QTest>

#include <cmath>

using namespace headroom;
using namespace headroom::ui;
using namespace headroom::ui::chartdata;

namespace {

// A session whose machine has per-ISA peaks: avx2 and avx512 measured 2 % apart (one line),
// sse far below (a line of its own).
Session sessionWithPeaks() {
    Session s = testing::makeSession(QStringLiteral("here"));
    s.machine.limits->perIsa = {
        {QStringLiteral("sse"), QStringLiteral("double"), 2, 48, 40},
        {QStringLiteral("avx2"), QStringLiteral("double"), 2, 96, 100},
        {QStringLiteral("avx512"), QStringLiteral("double"), 2, 192, 102},
    };
    return s;
}

void load(ResultsModel& model, const QList<Session>& sessions) {
    QList<Dataset> sets;
    for (const Session& s : sessions)
        sets.append(Dataset::fromSession(s, s.title));
    model.setDatasets(sets);
}

bool inside(double v, Range r) {
    return v >= r.lo * (1 - 1e-9) && v <= r.hi * (1 + 1e-9);
}

// Every point of every series inside the chart's ranges, and the ranges usable on log axes.
QString uncovered(const XYChart& chart) {
    if (!(chart.rangeX.lo > 0 && chart.rangeX.lo < chart.rangeX.hi && chart.rangeY.lo > 0 &&
          chart.rangeY.lo < chart.rangeY.hi))
        return QStringLiteral("ranges not positive and increasing");
    for (const Series& s : chart.series)
        for (const QPointF& p : s.points)
            if (!inside(p.x(), chart.rangeX) || !inside(p.y(), chart.rangeY))
                return QStringLiteral("%1 (%2, %3) outside x [%4, %5] y [%6, %7]")
                    .arg(s.name)
                    .arg(p.x())
                    .arg(p.y())
                    .arg(chart.rangeX.lo)
                    .arg(chart.rangeX.hi)
                    .arg(chart.rangeY.lo)
                    .arg(chart.rangeY.hi);
    return {};
}

QList<const Series*> seriesOf(const XYChart& chart, const QString& rung, int dataset = 0) {
    QList<const Series*> found;
    for (const Series& s : chart.series)
        if (s.rung == rung && s.dataset == dataset)
            found.append(&s);
    return found;
}

int pointsOf(const XYChart& chart, const QString& rung, int dataset = 0) {
    int count = 0;
    for (const Series* s : seriesOf(chart, rung, dataset))
        count += s->pointCount;
    return count;
}

} // namespace

class TestChartData : public QObject {
    Q_OBJECT

private slots:
    void rangesCoverEveryPoint() {
        ResultsModel model;
        Session fast = testing::makeSession(QStringLiteral("fast"), 3.0, {200, 700});
        Session here = sessionWithPeaks();
        here.results[0].status = PointStatus::Failed; // drawn on the floor, still inside
        load(model, {here, fast});
        const Theme theme = Theme::forId(ThemeId::Light);
        QString miss = uncovered(performanceData(model, {-1, theme}));
        QVERIFY2(miss.isEmpty(), qPrintable(u"performance: " + miss));
        for (const QString& level : {QStringLiteral("l1"), QStringLiteral("dram")}) {
            for (int n : {256, 512, 1024, int(RooflineOptions::kAllSizes)}) {
                miss = uncovered(rooflineData(model, {n, -1, level, theme}));
                QVERIFY2(miss.isEmpty(), qPrintable(u"roofline: " + miss));
            }
        }
        const RuntimeData runtime =
            runtimeData(model, {1024, -1, QStringLiteral("mit6172"), theme});
        QVERIFY(!runtime.bars.isEmpty());
        for (const RuntimeBar& b : runtime.bars) {
            QVERIFY2(inside(b.seconds, runtime.rangeX), qPrintable(b.rung));
            QVERIFY(b.top >= runtime.rangeY.lo && b.bottom <= runtime.rangeY.hi);
            QVERIFY(b.top < b.bottom);
        }
        QVERIFY(runtime.barBase < runtime.rangeX.lo);
    }

    void emptyChartsKeepUsableRanges() {
        ResultsModel model;
        const Theme theme = Theme::forId(ThemeId::Light);
        QCOMPARE(uncovered(performanceData(model, {-1, theme})), QString());
        QCOMPARE(uncovered(rooflineData(model, {0, -1, QStringLiteral("l1"), theme})), QString());
        const RuntimeData runtime = runtimeData(model, {0, -1, QString(), theme});
        QVERIFY(runtime.rangeX.lo > 0 && runtime.rangeX.lo < runtime.rangeX.hi);
        QVERIFY(runtime.bars.isEmpty());
        QCOMPARE(runtime.note, QStringLiteral("No results yet: run the ladder."));
    }

    void ceilingsWithinThreePercentMerge() {
        ResultsModel model;
        load(model, {sessionWithPeaks()});
        const XYChart chart =
            rooflineData(model, {1024, -1, QStringLiteral("l1"), Theme::forId(ThemeId::Light)});
        QList<const Series*> measured;
        for (const Series& s : chart.series)
            if (s.group == QLatin1String("compute ceilings, measured"))
                measured.append(&s);
        // avx2 (100) and avx512 (102) are one line at the higher value; sse (40) its own.
        QCOMPARE(measured.size(), 2);
        QList<double> heights;
        for (const Series* s : measured) {
            QCOMPARE(s->points.size(), 2);
            QCOMPARE(s->points[0].y(), s->points[1].y()); // flat
            heights.append(s->points[0].y());
        }
        std::sort(heights.begin(), heights.end());
        QCOMPARE(heights, QList<double>({40, 102}));
        // One label for the merged line, naming both ISAs.
        int merged = 0;
        for (const Label& l : chart.labels)
            if (l.text.contains(QLatin1String("avx2")) && l.text.contains(QLatin1String("avx512")))
                ++merged;
        QCOMPARE(merged, 1);
    }

    void rooflinePointsAtTheirOwnIntensity() {
        ResultsModel model;
        Session s = sessionWithPeaks();
        for (PointResult& p : s.results)
            if (p.rung != QLatin1String("naive")) // naive: an older point, compulsory traffic
                p.intensity =
                    Intensity{p.n / 3.0 + p.rung.size(), p.n / 7.0, QStringLiteral("model")};
        load(model, {s});
        const Theme theme = Theme::forId(ThemeId::Light);
        for (const QString& level : {QStringLiteral("l1"), QStringLiteral("dram")}) {
            const XYChart chart =
                rooflineData(model, {RooflineOptions::kAllSizes, -1, level, theme});
            int checked = 0;
            for (const PointResult& p : std::as_const(s.results)) {
                if (p.status != PointStatus::Verified)
                    continue;
                const double x = !p.intensity                   ? p.n / 12.0
                                 : level == QLatin1String("l1") ? p.intensity->l1
                                                                : p.intensity->dram;
                QCOMPARE(pointIntensity(p, level), x);
                const auto series = seriesOf(chart, p.rung);
                QVERIFY(!series.isEmpty());
                QVERIFY2(
                    series.first()->points.contains(QPointF(x, p.gflops)),
                    qPrintable(QStringLiteral("%1 n=%2 not at x=%3").arg(p.rung).arg(p.n).arg(x)));
                ++checked;
            }
            QVERIFY(checked > 20);
        }
    }

    void oneSeriesPerRung() {
        ResultsModel model;
        load(model, {sessionWithPeaks(), testing::makeSession(QStringLiteral("other"), 2.0)});
        const Theme theme = Theme::forId(ThemeId::Light);
        const PerformanceData perf = performanceData(model, {-1, theme});
        const XYChart roof =
            rooflineData(model, {RooflineOptions::kAllSizes, -1, QStringLiteral("l1"), theme});
        for (const testing::RungTime& rt : testing::kLadder1024) {
            const QString rung = QString::fromLatin1(rt.rung);
            // python: n = 256 measured, 512 and 1024 extrapolated; the others all measured.
            QCOMPARE(pointsOf(perf, rung), 3);
            QCOMPARE(pointsOf(roof, rung), 3);
            QCOMPARE(seriesOf(perf, rung).first()->keyColor.isValid(), false); // the line
            int coloured = 0;
            for (const Series* s : seriesOf(perf, rung))
                coloured += s->keyColor == rungColor(rung, theme);
            QVERIFY(coloured >= 1);
            // The compared session: its measured points, one line per rung.
            QCOMPARE(seriesOf(perf, rung, 1).size(), 1);
            QCOMPARE(pointsOf(perf, rung, 1), rung == QLatin1String("python") ? 1 : 3);
        }
        // The presentation's first three rungs only.
        const PerformanceData three = performanceData(model, {3, theme});
        QCOMPARE(pointsOf(three, QStringLiteral("naive")), 3);
        QCOMPARE(pointsOf(three, QStringLiteral("interchange")), 0);
    }

    void runtimeBarsPerRungAndDataset() {
        ResultsModel model;
        load(model, {sessionWithPeaks(), testing::makeSession(QStringLiteral("other"), 2.0)});
        const RuntimeData data = runtimeData(
            model, {512, -1, QStringLiteral("science2020"), Theme::forId(ThemeId::Light)});
        QCOMPARE(data.rows.size(), int(std::size(testing::kLadder1024)));
        for (const testing::RungTime& rt : testing::kLadder1024) {
            int mine = 0, theirs = 0;
            for (const RuntimeBar& b : data.bars) {
                if (b.rung != QLatin1String(rt.rung) || b.paper)
                    continue;
                mine += b.dataset == 0;
                theirs += b.dataset == 1;
            }
            QCOMPARE(mine, 1);
            QCOMPARE(theirs, 1);
        }
        // Bars of one row do not overlap.
        for (const RuntimeBar& a : data.bars)
            for (const RuntimeBar& b : data.bars)
                if (&a != &b && a.rung == b.rung)
                    QVERIFY(a.bottom <= b.top || b.bottom <= a.top);
    }

    void runtimeLabelsCarryTheSpeedups() {
        ResultsModel model;
        load(model, {testing::makeSession(QStringLiteral("here"))});
        const RuntimeData data =
            runtimeData(model, {256, -1, QString(), Theme::forId(ThemeId::Light)});
        QCOMPARE(data.bars.size(), int(std::size(testing::kLadder1024)));
        // Ladder order; relative to the rung before, absolute against the first.
        QVERIFY(data.bars[0].label.text.contains(QStringLiteral("1.00\u00d7 / 1.00\u00d7")));
        const QString java = data.bars[1].label.text;
        const QString rel = format::ratio(1200.0 / 140.0);
        QVERIFY2(java.contains(rel + QStringLiteral(" / ") + rel), qPrintable(java));
        const QString naive = data.bars[2].label.text;
        QVERIFY2(naive.contains(format::ratio(140.0 / 9.0) + QStringLiteral(" / ") +
                                format::ratio(1200.0 / 9.0)),
                 qPrintable(naive));
        for (const RuntimeBar& b : data.bars)
            QCOMPARE(b.label.value.x(), b.seconds); // right of the bar's end
    }

    // #19 item 6: beside a paper, like with like.
    void paperStepsPairTheSameRungs() {
        ResultsModel model;
        load(model, {testing::makeSession(QStringLiteral("here"))});
        RuntimeOptions o{1024, -1, QStringLiteral("science2020"), Theme::forId(ThemeId::Light)};
        o.bars = RuntimeBars::PaperSteps;
        const RuntimeData data = runtimeData(model, o);
        QCOMPARE(data.rows.size(), 6); // the paper's seven rows make six steps
        QVERIFY(data.axisTitle.contains(QStringLiteral("speedup")));
        // Science 2020 steps from C straight to parallel loops: ours over the same pair.
        const RuntimeBar* ours = nullptr;
        const RuntimeBar* theirs = nullptr;
        for (const RuntimeBar& b : data.bars)
            if (b.rung == QLatin1String("parallel"))
                (b.paper ? theirs : ours) = &b;
        QVERIFY(ours && theirs);
        QCOMPARE(ours->seconds, 9.0 / 0.18);
        QCOMPARE(theirs->seconds, 542.67 / 69.80);
        QVERIFY2(ours->label.text.contains(format::ratio((9.0 / 0.18) / (542.67 / 69.80))),
                 qPrintable(ours->label.text));
        QVERIFY2(data.note.contains(QStringLiteral("sizes differ")), qPrintable(data.note));
        QVERIFY(ours->bottom <= theirs->top); // paired, not overlapping
    }

    void timesBesideAPaperNameOrMatchTheSizes() {
        ResultsModel model;
        load(model, {testing::makeSession(QStringLiteral("here")),
                     testing::makeSession(QStringLiteral("other"), 2.0)});
        RuntimeOptions o{512, -1, QStringLiteral("science2020"), Theme::forId(ThemeId::Light)};
        const RuntimeData atN = runtimeData(model, o);
        QVERIFY2(atN.note.contains(QStringLiteral("Sizes differ: this machine at n = 512")),
                 qPrintable(atN.note));
        QVERIFY2(atN.title.contains(QStringLiteral("the paper's at n = 4096")),
                 qPrintable(atN.title));
        o.bars = RuntimeBars::TimeAtPaperSize;
        const RuntimeData scaled = runtimeData(model, o);
        QVERIFY2(scaled.title.contains(QStringLiteral("n = 4096, extrapolated from n = 1024")),
                 qPrintable(scaled.title));
        bool sawNaive = false;
        for (const RuntimeBar& b : scaled.bars) {
            QCOMPARE(b.dataset, 0); // a compared session keeps its own size: not scaled, not shown
            if (b.rung == QLatin1String("naive") && !b.paper) {
                sawNaive = true;
                QCOMPARE(b.seconds, 9.0 * 64); // (4096 / 1024)^3
                QVERIFY2(b.label.text.contains(QStringLiteral("extrapolated from n = 1024")),
                         qPrintable(b.label.text));
            }
        }
        QVERIFY(sawNaive);
        QVERIFY(!scaled.note.contains(QStringLiteral("Sizes differ")));
    }

    // The paper's bars carry its own table's steps, whichever of its rows this run has.
    void paperBarsTellThePapersOwnSteps() {
        Session s = testing::makeSession(QStringLiteral("here"));
        s.results.removeIf([](const PointResult& p) { return p.rung == QLatin1String("java"); });
        ResultsModel model;
        load(model, {s});
        const RuntimeData data = runtimeData(
            model, {1024, -1, QStringLiteral("science2020"), Theme::forId(ThemeId::Light)});
        const RuntimeBar* c = nullptr;
        for (const RuntimeBar& b : data.bars)
            if (b.paper && b.rung == QLatin1String("naive"))
                c = &b;
        QVERIFY(c);
        // C over Java in Science 2020, not over Python (the paper's row shown before it here).
        const QString step = format::ratio(2372.68 / 542.67) + QStringLiteral(" relative");
        QVERIFY2(c->tip.contains(step), qPrintable(c->tip));
        QVERIFY2(c->tip.contains(format::ratio(25552.48 / 542.67) + QStringLiteral(" absolute")),
                 qPrintable(c->tip));
    }

    void beforeTheFirstRunThePaperIsAGhostWithAnInvitation() {
        ResultsModel model; // a fresh window: no results
        const RuntimeData data = runtimeData(
            model, {0, -1, QStringLiteral("science2020"), Theme::forId(ThemeId::Light)});
        QCOMPARE(data.bars.size(), 7);
        for (const RuntimeBar& b : data.bars)
            QVERIFY(b.paper);
        QVERIFY2(data.title.contains(QStringLiteral("press Run")), qPrintable(data.title));
        QVERIFY(data.note.contains(QStringLiteral("preview")));
        // Without a paper there is nothing to preview.
        const RuntimeData none =
            runtimeData(model, {0, -1, QString(), Theme::forId(ThemeId::Light)});
        QVERIFY(none.bars.isEmpty());
        QVERIFY(none.note.contains(QStringLiteral("No results yet")));
    }

    // #19 item 5: a memory roof says where it was read, so a roof read inside an unreported
    // cache can be told from the memory's.
    void memoryRoofsSayWhereTheyWereRead() {
        ResultsModel model;
        load(model, {testing::makeSession(QStringLiteral("here"))});
        const RooflineData data =
            rooflineData(model, {1024, -1, QStringLiteral("dram"), Theme::forId(ThemeId::Light)});
        bool sawDram = false;
        for (const Series& s : data.series)
            for (const auto& tip : s.tips)
                if (tip.second.startsWith(QLatin1String("DRAM"))) {
                    sawDram = true;
                    QVERIFY2(tip.second.contains(QStringLiteral("read at 512 MiB")),
                             qPrintable(tip.second));
                }
        QVERIFY(sawDram);
    }

    void sizeTicksLabelMeasuredSizesFirst() {
        const QList<double> ticks = sizeTicks({700, 200, 200, 1000}, {100, 2000});
        QCOMPARE(ticks.mid(0, 3), QList<double>({200, 700, 1000}));
        for (double p : {64.0, 128.0, 256.0, 512.0, 1024.0})
            QVERIFY2(ticks.contains(p), qPrintable(QString::number(p)));
        QVERIFY(!ticks.contains(2048.0));
        QList<double> many;
        for (int n = 1; n <= 5000; ++n)
            many.append(n);
        const QList<double> thinned = sizeTicks(many, {1, 5000});
        QVERIFY2(thinned.size() <= 64 + 14, qPrintable(QString::number(thinned.size())));
        QVERIFY(thinned.contains(1.0) && thinned.contains(5000.0));
    }
};

QTEST_GUILESS_MAIN(TestChartData)
#include "tst_chartdata.moc"
