// SPDX-License-Identifier: MIT
// The chart panels from a ResultsModel: points per rung, extrapolated and failed points, one
// colour per rung across charts, axis ranges set over all series, live growth, legend toggling,
// the compare overlay in all four charts, readable roofline and "extrapolated" labels, line labels
// that follow a zoom, the size axis ranged to the data.
#include "chartpanel.h"
#include "charts.h"
#include "compare.h"
#include "laddermodel.h"
#include "laddertable.h"
#include "performancechart.h"
#include "resultsmodel.h"
#include "rooflinechart.h"
#include "runtimechart.h"
#include "theme.h"
#include "thinning.h"
#include "ui_export_fixtures.h"

#include <QAbstractItemModelTester>
#include <QAbstractSeries>
#include <QAreaSeries>
#include <QChart>
#include <QFontMetrics>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMap>
#include <QScatterSeries>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <cmath>
#include <cstdlib>
#include <memory>

using namespace headroom;
using namespace headroom::ui;

namespace {

using testing::makePoint;

void fill(ResultsModel& model) {
    Plan plan;
    plan.rungs = {QStringLiteral("naive"), QStringLiteral("tiled"), QStringLiteral("microkernel")};
    plan.sizes = {64, 128};
    model.setPlan(plan);
    model.appendResult(0, makePoint(QStringLiteral("naive"), 64, 0.02));
    model.appendResult(0, makePoint(QStringLiteral("naive"), 128, 0.16, PointStatus::Extrapolated));
    model.appendResult(0, makePoint(QStringLiteral("tiled"), 64, 0.002));
    model.appendResult(0, makePoint(QStringLiteral("tiled"), 128, 0.001, PointStatus::Failed));
    model.appendResult(0, makePoint(QStringLiteral("microkernel"), 64, 0.0002));
    model.appendResult(0, makePoint(QStringLiteral("microkernel"), 128, 0.0015));
}

// The chart's text labels (overlays, size ticks), drawn or not.
QList<QGraphicsSimpleTextItem*> textItems(const QChart* chart) {
    QList<QGraphicsSimpleTextItem*> texts;
    const auto items = chart->childItems();
    for (QGraphicsItem* item : items) {
        if (auto* text = dynamic_cast<QGraphicsSimpleTextItem*>(item))
            texts << text;
    }
    return texts;
}

// Where a label is drawn, in the chart's coordinates.
QRectF boxOf(const QGraphicsSimpleTextItem* text) {
    return text->mapRectToParent(text->boundingRect());
}

// Shown at a size and laid out, as on screen: labels are placed for the final plot area.
bool showLaidOut(ChartPanel& panel, int width, int height) {
    panel.resize(width, height);
    panel.show();
    if (!QTest::qWaitForWindowExposed(&panel))
        return false;
    panel.rebuild();
    QCoreApplication::sendPostedEvents();
    return true;
}

// Large type at 1280 x 720: where labels crowd on a slide.
bool showOnSlide(ChartPanel& panel) {
    panel.setTheme(Theme::forId(ThemeId::Presentation));
    return showLaidOut(panel, 1280, 720);
}

// This machine and one 2.5 times as fast, as a comparison.
QList<Dataset> laptopAndServer() {
    return {Dataset::fromSession(testing::makeSession(QStringLiteral("laptop"), 1.0),
                                 QStringLiteral("laptop")),
            Dataset::fromSession(testing::makeSession(QStringLiteral("server"), 2.5),
                                 QStringLiteral("server"))};
}

} // namespace

class TestUiCharts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // #20 row 11: a dense series is drawn thinned, keeping its ends, extremes and order.
    void thinningKeepsShape() {
        QList<QPointF> points;
        for (int n = 1; n <= 10000; ++n)
            points.append(QPointF(n, 1 + (n * 7919) % 101));
        points[5000].setY(1000); // a lone spike must survive
        points[7000].setY(0.5);  // and a lone dip
        const QList<QPointF> thin = thinForDrawing(points, 200);
        QVERIFY2(thin.size() <= 402, qPrintable(QString::number(thin.size())));
        QCOMPARE(thin.first(), points.first());
        QCOMPARE(thin.last(), points.last());
        QVERIFY(thin.contains(points[5000]));
        QVERIFY(thin.contains(points[7000]));
        for (qsizetype i = 1; i < thin.size(); ++i)
            QVERIFY(thin[i - 1].x() < thin[i].x());
        const QList<QPointF> few = points.mid(0, 300);
        QCOMPARE(thinForDrawing(few, 200), few);
    }

    // The chart draws at most ~400 points per series; the table model keeps all 20,000.
    void denseSessionIsDrawnThinned() {
        Session s = testing::makeSession(QStringLiteral("dense"));
        s.results.clear();
        for (const char* rung : {"naive", "optflags", "tiled", "microkernel"})
            for (int n = 1; n <= 5000; ++n)
                s.results.append(
                    testing::makePoint(QString::fromLatin1(rung), n, 1e-9 * n * n * n));
        ResultsModel model;
        model.setDatasets({Dataset::fromSession(s)});
        QCOMPARE(model.rowCount(), 20000);
        for (ChartKind kind : {ChartKind::Gflops, ChartKind::Roofline}) {
            const std::unique_ptr<ChartPanel> panelOwned(createChartPanel(kind, &model));
            ChartPanel& panel = *panelOwned;
            panel.rebuild();
            const auto series = panel.chart()->series();
            for (QAbstractSeries* a : series)
                if (auto* xy = qobject_cast<QXYSeries*>(a))
                    QVERIFY2(xy->count() <= 402, qPrintable(xy->name()));
        }
    }

    // #20 row 6: without measured limits the charts say why they have no ceilings, in the
    // chart itself (an export shows no note line).
    void noLimitsIsSaidInTheChart() {
        Session s = testing::makeSession(QStringLiteral("bare"));
        s.machine.limits.reset();
        ResultsModel model;
        model.setDatasets({Dataset::fromSession(s)});
        RooflineChart roofline(&model);
        roofline.rebuild();
        QVERIFY2(roofline.chart()->title().contains(QStringLiteral("limits were not measured")),
                 qPrintable(roofline.chart()->title()));
        PerformanceChart gflops(&model);
        gflops.rebuild();
        QVERIFY2(gflops.chart()->title().contains(QStringLiteral("limits not measured")),
                 qPrintable(gflops.chart()->title()));
    }

    void kindsByName() {
        for (ChartKind k : allChartKinds())
            QCOMPARE(chartKindFromName(chartKindName(k)), k);
        QVERIFY(!chartKindFromName(QStringLiteral("pie")));
        QCOMPARE(Theme::idFromName(QStringLiteral("Dark")), ThemeId::Dark);
        QVERIFY(!Theme::idFromName(QStringLiteral("neon")));
    }

    void pointsPerChart() {
        ResultsModel model;
        fill(model);
        PerformanceChart gflops(&model);
        RooflineChart roofline(&model);
        RuntimeChart runtime(&model);
        LadderTable ladder(&model);
        // Every point of a rung is drawn in the per-size charts: measured, extrapolated, failed
        // (the roofline shows one size's climb by default, every size when asked).
        roofline.setSize(ChartPanel::kAllSizes);
        for (ChartPanel* p : QList<ChartPanel*>{&gflops, &roofline}) {
            QCOMPARE(p->pointCount(QStringLiteral("naive")), 2);
            QCOMPARE(p->pointCount(QStringLiteral("tiled")), 2);
            QCOMPARE(p->pointCount(QStringLiteral("microkernel")), 2);
        }
        // The ladder bars and table show one size: the largest where every rung has a time.
        QCOMPARE(runtime.size(), 128);
        QCOMPARE(ladder.size(), 128);
        for (ChartPanel* p : QList<ChartPanel*>{&runtime, &ladder}) {
            QCOMPARE(p->pointCount(QStringLiteral("naive")), 1);
            QCOMPARE(p->pointCount(QStringLiteral("microkernel")), 1);
        }
        runtime.setSize(64);
        QCOMPARE(runtime.size(), 64);
        QCOMPARE(runtime.pointCount(QStringLiteral("tiled")), 1);
    }

    // #19: each rung at its own intensity, L1 or DRAM, with the climb drawn through one size.
    void rooflinePlacesEachRungAtItsIntensity() {
        ResultsModel model;
        PointResult naive = makePoint(QStringLiteral("naive"), 512, 0.5);
        naive.intensity = Intensity{0.0625, 0.25, QStringLiteral("model")};
        PointResult micro = makePoint(QStringLiteral("microkernel"), 512, 0.005);
        micro.intensity = Intensity{1.7, 42.0, QStringLiteral("model")};
        PointResult blas = makePoint(QStringLiteral("openblas"), 512, 0.004);
        blas.intensity = Intensity{1.7, 42.0, QStringLiteral("model")};
        for (const PointResult& p : {naive, micro, blas})
            model.appendResult(0, p);
        RooflineChart panel(&model);
        panel.rebuild();
        auto xOf = [&panel](const QString& rung) {
            const auto series = panel.chart()->series();
            for (QAbstractSeries* s : series)
                if (s->property("headroomRung") == rung)
                    if (auto* xy = qobject_cast<QScatterSeries*>(s); xy && xy->count() == 1)
                        return xy->at(0).x();
            return -1.0;
        };
        QCOMPARE(xOf(QStringLiteral("naive")), 0.0625); // L1 (cache-aware) by default
        QCOMPARE(xOf(QStringLiteral("microkernel")), 1.7);
        QLineSeries* climb = nullptr;
        const auto series = panel.chart()->series();
        for (QAbstractSeries* s : series)
            if (s->name().startsWith(QLatin1String("the climb")))
                climb = qobject_cast<QLineSeries*>(s);
        QVERIFY(climb);
        QCOMPARE(climb->count(), 2); // naive -> microkernel; the yardstick is not a rung
        QCOMPARE(climb->at(1), QPointF(1.7, micro.gflops));
        // One arrowhead on the climb's one segment, pointing from naive towards the
        // micro-kernel: its tip lies between the two dots, up and to the right of naive.
        QVERIFY(showLaidOut(panel, 1200, 800));
        QList<QGraphicsPathItem*> heads;
        const auto items = panel.chart()->childItems();
        for (QGraphicsItem* item : items)
            if (auto* head = dynamic_cast<QGraphicsPathItem*>(item); head && head->isVisible())
                heads.append(head);
        QCOMPARE(heads.size(), 1);
        climb = nullptr;
        for (QAbstractSeries* s : panel.chart()->series())
            if (s->name().startsWith(QLatin1String("the climb")))
                climb = qobject_cast<QLineSeries*>(s);
        QVERIFY(climb);
        const QPointF from = panel.chart()->mapToPosition(climb->at(0), climb);
        const QPointF to = panel.chart()->mapToPosition(climb->at(1), climb);
        const QPointF tip = heads[0]->path().elementAt(0);
        QVERIFY2(tip.x() > from.x() && tip.x() < to.x() && tip.y() < from.y() && tip.y() > to.y(),
                 qPrintable(QStringLiteral("tip %1,%2 from %3,%4 to %5,%6")
                                .arg(tip.x())
                                .arg(tip.y())
                                .arg(from.x())
                                .arg(from.y())
                                .arg(to.x())
                                .arg(to.y())));
        // The body of the head lies behind its tip, towards naive.
        const QPointF back = heads[0]->path().elementAt(2);
        QVERIFY(back.x() < tip.x() && back.y() > tip.y());
        QVERIFY2(panel.noteText().contains(QLatin1String("L1 intensity")),
                 qPrintable(panel.noteText()));
        QVERIFY(panel.noteText().contains(QLatin1String("traffic model")));
        panel.setRooflineLevel(QStringLiteral("dram"));
        QCOMPARE(xOf(QStringLiteral("naive")), 0.25);
        QCOMPARE(xOf(QStringLiteral("microkernel")), 42.0);
        QVERIFY(panel.noteText().contains(QLatin1String("DRAM intensity")));
    }

    // #16: during a run only the chart in view is rebuilt; a chart in a hidden tab catches up
    // when it is shown.
    void hiddenPanelsRebuildWhenShown() {
        ResultsModel model;
        QTabWidget tabs;
        auto* shown = new RuntimeChart(&model);
        auto* hidden = new PerformanceChart(&model);
        tabs.addTab(shown, QStringLiteral("runtime"));
        tabs.addTab(hidden, QStringLiteral("gflops"));
        tabs.resize(900, 600);
        tabs.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tabs));
        model.appendResult(0, makePoint(QStringLiteral("naive"), 64, 0.02));
        model.appendResult(0, makePoint(QStringLiteral("naive"), 128, 0.16));
        QTRY_COMPARE(shown->pointCount(QStringLiteral("naive")), 1); // the largest size's bar
        QTest::qWait(100);
        QCOMPARE(hidden->pointCount(QStringLiteral("naive")), 0);
        tabs.setCurrentWidget(hidden);
        QCOMPARE(hidden->pointCount(QStringLiteral("naive")), 2);
    }

    // The slow-phase warning in front of a chart's note is read whole, in every view: the note
    // wraps across the panel under the controls (squeezed beside them at the main window's size
    // it showed the warning sign and "WARNING", no more).
    void noteIsNeverCut() {
        for (ChartKind kind : allChartKinds()) {
            ResultsModel model;
            Plan plan;
            plan.rungs = {QStringLiteral("naive"), QStringLiteral("microkernel")};
            plan.sizes = {64};
            model.setPlan(plan);
            model.appendResult(0, makePoint(QStringLiteral("naive"), 64, 0.02));
            PointResult slow = makePoint(QStringLiteral("microkernel"), 64, 0.0002);
            slow.machineSpeed = 0.5;
            model.appendResult(0, slow);
            std::unique_ptr<ChartPanel> panel(createChartPanel(kind, &model));
            QVERIFY(showLaidOut(*panel, 800, 560));
            QCoreApplication::processEvents(); // the layout after the new note
            auto* note = panel->findChild<QLabel*>(QStringLiteral("chartNote"));
            QVERIFY(note);
            const QString what = chartKindTitle(kind) + QStringLiteral(": ") + note->text();
            QVERIFY2(note->text().contains(QLatin1String("WARNING")), qPrintable(what));
            QVERIFY2(note->isVisible() && note->width() > 0, qPrintable(what));
            const bool fits = note->wordWrap()
                                  ? note->heightForWidth(note->width()) <= note->height()
                                  : note->sizeHint().width() <= note->width();
            QVERIFY2(fits, qPrintable(what));
            QVERIFY2(note->mapTo(panel.get(), QPoint(note->width(), note->height())).x() <=
                         panel->width(),
                     qPrintable(what));
        }
    }

    // A rebuilt chart shows one set of axes: the axes of the build before (here the paper's
    // ghost, built before the panel was laid out) must not stay on screen while Qt Charts
    // deletes their labels later (they did, over the main window's runtime chart).
    void rebuildLeavesNoAxisBehind() {
        ResultsModel model;
        RuntimeChart panel(&model); // built here, before any layout
        auto axisTitles = [&panel] {
            int n = 0;
            const auto items = panel.chart()->scene()->items();
            for (QGraphicsItem* item : items) {
                auto* t = dynamic_cast<QGraphicsTextItem*>(item);
                if (t && t->isVisible() &&
                    t->toPlainText() == QStringLiteral("time (seconds, log scale)"))
                    ++n;
            }
            return n;
        };
        QVERIFY(showLaidOut(panel, 1000, 700)); // rebuilt, shown; no event loop ran between
        QVERIFY2(axisTitles() <= 1, qPrintable(QString::number(axisTitles())));
        QTRY_COMPARE(axisTitles(), 1);
        model.appendResult(0, makePoint(QStringLiteral("naive"), 64, 0.02));
        panel.rebuild();
        QVERIFY2(axisTitles() <= 1, qPrintable(QString::number(axisTitles())));
        QTRY_COMPARE(axisTitles(), 1);
    }

    void sampledIsDrawnAsMeasuredWithItsMark() {
        ResultsModel model;
        model.appendResult(0, makePoint(QStringLiteral("naive"), 64, 0.02));
        PointResult sampled = makePoint(QStringLiteral("naive"), 4096, 800.0);
        sampled.sampledRows = 2;
        model.appendResult(0, sampled);
        model.appendResult(0, makePoint(QStringLiteral("microkernel"), 4096, 1.0));
        const QPointF at(4096, sampled.gflops);
        for (ChartKind kind : {ChartKind::Gflops, ChartKind::Roofline}) {
            const std::unique_ptr<ChartPanel> panelOwned(createChartPanel(kind, &model));
            ChartPanel& panel = *panelOwned;
            int dots = 0, marks = 0;
            for (QAbstractSeries* s : panel.chart()->series()) {
                auto* scatter = qobject_cast<QScatterSeries*>(s);
                if (!scatter || s->property("headroomRung") != QStringLiteral("naive"))
                    continue;
                for (const QPointF& p : scatter->points()) {
                    if (!qFuzzyCompare(p.y(), at.y()))
                        continue;
                    // Measured: a full-size dot in the rung's colour, and the small mark on it.
                    if (scatter->markerSize() >= 10 && scatter->color() != Qt::transparent)
                        ++dots;
                    else if (scatter->markerSize() < 6 &&
                             // not the background's colour: that reads as hollow, extrapolated
                             scatter->color() != panel.theme().background)
                        ++marks;
                }
            }
            QCOMPARE(dots, 1);
            QCOMPARE(marks, 1);
        }
        RuntimeChart runtime(&model);
        bool labelled = false;
        for (const QGraphicsSimpleTextItem* t : textItems(runtime.chart()))
            labelled = labelled || t->text().contains(QStringLiteral("sampled: 2 of 4096 rows"));
        QVERIFY(labelled);
    }

    void failedIsNeverFast() {
        ResultsModel model;
        fill(model);
        PerformanceChart gflops(&model);
        // The failed tiled point at n = 128 claims 4 TFLOP/s; nothing may be drawn that high.
        const PointResult* failed = model.find(0, QStringLiteral("tiled"), 128);
        QVERIFY(failed);
        const auto series = gflops.chart()->series();
        for (QAbstractSeries* s : series) {
            auto* xy = qobject_cast<QXYSeries*>(s);
            if (!xy)
                continue;
            for (const QPointF& p : xy->points()) {
                if (qFuzzyCompare(p.x(), 128.0) &&
                    xy->property("headroomRung") == QStringLiteral("tiled"))
                    QVERIFY2(p.y() < failed->gflops / 10, "failed point drawn as fast");
            }
        }
    }

    void rangesCoverAllSeries() {
        ResultsModel model;
        fill(model);
        for (ChartKind kind : {ChartKind::Gflops, ChartKind::Roofline, ChartKind::Runtime}) {
            const std::unique_ptr<ChartPanel> panelOwned(createChartPanel(kind, &model));
            ChartPanel& panel = *panelOwned;
            const auto axes = panel.chart()->axes();
            QVERIFY(!axes.isEmpty());
            for (QAbstractAxis* a : axes) {
                if (auto* log = qobject_cast<QLogValueAxis*>(a))
                    QVERIFY2(log->min() > 0 && log->max() > log->min(),
                             qPrintable(log->titleText()));
            }
            // Every drawn data point lies inside the ranges.
            auto* x = panel.chart()->axes(Qt::Horizontal).first();
            auto* y = panel.chart()->axes(Qt::Vertical).first();
            auto range = [](QAbstractAxis* a) {
                if (auto* l = qobject_cast<QLogValueAxis*>(a))
                    return QPair<double, double>(l->min(), l->max());
                return QPair<double, double>(-1e300, 1e300);
            };
            const auto rx = range(x), ry = range(y);
            const auto series = panel.chart()->series();
            for (QAbstractSeries* s : series) {
                auto* scatter = qobject_cast<QScatterSeries*>(s);
                if (!scatter)
                    continue;
                for (const QPointF& p : scatter->points()) {
                    QVERIFY(p.x() >= rx.first && p.x() <= rx.second);
                    QVERIFY(p.y() >= ry.first && p.y() <= ry.second);
                }
            }
        }
    }

    void colourSameInEveryChart() {
        ResultsModel model;
        fill(model);
        QList<ChartPanel*> panels;
        for (ChartKind kind : allChartKinds())
            panels.append(createChartPanel(kind, &model));
        for (const QString& rung : model.rungs(0)) {
            const QColor expected = rungColor(rung, Theme::forId(ThemeId::System));
            for (ChartPanel* p : std::as_const(panels))
                QCOMPARE(p->colorOf(rung), expected);
        }
        // Neighbouring rungs differ.
        const Theme t = Theme::forId(ThemeId::Light);
        QVERIFY(rungColor(QStringLiteral("naive"), t) !=
                rungColor(QStringLiteral("interchange"), t));
        qDeleteAll(panels);
    }

    void growsLive() {
        ResultsModel model;
        PerformanceChart gflops(&model);
        QCOMPARE(gflops.pointCount(QStringLiteral("naive")), 0);
        model.appendResult(0, makePoint(QStringLiteral("naive"), 64, 0.02));
        // Rebuilds are coalesced to the event loop.
        QTRY_COMPARE(gflops.pointCount(QStringLiteral("naive")), 1);
        model.appendResult(0, makePoint(QStringLiteral("naive"), 128, 0.2));
        QTRY_COMPARE(gflops.pointCount(QStringLiteral("naive")), 2);
    }

    void legendTogglesGroup() {
        ResultsModel model;
        fill(model);
        PerformanceChart gflops(&model);
        QLegendMarker* naive = nullptr;
        const auto markers = gflops.chart()->legend()->markers();
        // The group's first marker carries the entry (the others are hidden).
        for (QLegendMarker* m : markers) {
            if (!naive && m->label() == rungLabel(QStringLiteral("naive")))
                naive = m;
        }
        QVERIFY(naive);
        Q_EMIT naive->clicked();
        int visible = 0, hidden = 0;
        const auto series = gflops.chart()->series();
        for (QAbstractSeries* s : series) {
            if (s->property("headroomRung") == QStringLiteral("naive"))
                (s->isVisible() ? visible : hidden)++;
        }
        QCOMPARE(visible, 0);
        QVERIFY(hidden > 0);
    }

    void compareOverlayInEveryChart() {
        // Two sessions: every chart draws the second one too, in its own colour family.
        ResultsModel model;
        model.setDatasets(laptopAndServer());
        const QStringList rungs = {QStringLiteral("naive"), QStringLiteral("tiled"),
                                   QStringLiteral("microkernel")};
        for (ChartKind kind : allChartKinds()) {
            const std::unique_ptr<ChartPanel> panelOwned(createChartPanel(kind, &model));
            ChartPanel& panel = *panelOwned;
            panel.rebuild();
            // Points of dataset 1 per rung: the bar, the table row and the roofline's climb at
            // one n, the lines at every size.
            const int expected = kind == ChartKind::Gflops ? 3 : 1;
            for (const QString& rung : rungs) {
                QVERIFY2(panel.pointCount(rung, 0) == expected,
                         qPrintable(chartKindName(kind) + u' ' + rung));
                QVERIFY2(panel.pointCount(rung, 1) == expected,
                         qPrintable(chartKindName(kind) + u' ' + rung));
                const QColor mine = panel.colorOf(rung, 0);
                const QColor other = panel.colorOf(rung, 1);
                QVERIFY(other.isValid());
                QVERIFY(other != mine);
                QCOMPARE(other,
                         compareColor(rung, 1,
                                      kind == ChartKind::Ladder ? Theme::forId(ThemeId::System)
                                                                : panel.theme()));
            }
            QStringList names;
            if (QChart* chart = panel.chart()) {
                const auto series = chart->series();
                for (QAbstractSeries* s : series)
                    names << s->name();
            } else {
                QAbstractItemModelTester tester(
                    panel.tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
                for (int c = 0; c < panel.tableModel()->columnCount(); ++c)
                    names << panel.tableModel()->headerData(c, Qt::Horizontal).toString();
                // GFLOP/s of the other machine, and the ratio (it is 2.5 times as fast).
                auto* ladder = qobject_cast<LadderModel*>(panel.tableModel());
                QVERIFY(ladder);
                const int col = ladder->compareColumn(1);
                QCOMPARE(col, int(LadderModel::ColumnCount));
                // On screen they follow this machine's columns, before the paper's.
                QCOMPARE(panel.tableView()->horizontalHeader()->visualIndex(col),
                         int(LadderModel::PaperSecondsColumn));
                for (int r = 0; r < ladder->rowCount(); ++r) {
                    const double ratio =
                        ladder->data(ladder->index(r, col + 1), LadderModel::SortRole).toDouble();
                    QVERIFY2(qAbs(ratio - 2.5) < 1e-6, qPrintable(QString::number(ratio)));
                }
                QVERIFY(ladder->toTsv().section(u'\n', 0, 0).contains(QLatin1String("server")));
            }
            QVERIFY2(names.join(u'|').contains(QLatin1String("server")),
                     qPrintable(chartKindName(kind) + u": " + names.join(u'|')));
            if (kind == ChartKind::Roofline) // the other machine's roof, dashed
                QVERIFY(names.contains(QStringLiteral("server roof")));

            // Without the second dataset, the overlay goes.
            ResultsModel single;
            single.setDatasets({model.dataset(0)});
            const std::unique_ptr<ChartPanel> aloneOwned(createChartPanel(kind, &single));
            ChartPanel& alone = *aloneOwned;
            alone.rebuild();
            for (const QString& rung : rungs)
                QCOMPARE(alone.pointCount(rung, 1), 0);
        }
    }

    void comparedRoofLabelGoesWithItsLine() {
        // The other machine's roof label is pinned to the right edge of the plot; zoomed left of
        // the roof's ridge, where only its slope is in view, the label goes too.
        ResultsModel model;
        model.setDatasets(laptopAndServer());
        RooflineChart panel(&model);
        QVERIFY(showLaidOut(panel, 1000, 700));
        QChart* chart = panel.chart();
        QGraphicsSimpleTextItem* label = nullptr;
        for (QGraphicsSimpleTextItem* text : textItems(chart)) {
            if (text->text().startsWith(QLatin1String("server")) &&
                text->text().endsWith(QLatin1String("GFLOP/s")))
                label = text;
        }
        QVERIFY(label);
        QVERIFY(label->isVisible());
        // The flat part of the roof: the "server roof" line that is horizontal.
        QLineSeries* flat = nullptr;
        const auto series = chart->series();
        for (QAbstractSeries* s : series) {
            auto* line = qobject_cast<QLineSeries*>(s);
            if (line && s->name() == QLatin1String("server roof") && line->count() == 2 &&
                line->at(0).y() == line->at(1).y())
                flat = line;
        }
        QVERIFY(flat);
        const QRectF area = chart->plotArea();
        const qreal ridge = chart->mapToPosition(flat->at(0), flat).x();
        QVERIFY2(ridge > area.left() + 40, "the ridge must be inside the plot for this test");

        chart->zoomIn(QRectF(area.left(), area.top(), (ridge - area.left()) / 2, area.height()));
        QCoreApplication::sendPostedEvents();
        QVERIFY(!label->isVisible());
        panel.resetZoom();
        QVERIFY(label->isVisible());
    }

    void compareShowsRungsOnlyTheOtherRan() {
        // The other machine ran "dac", this one did not: the bars and the table have its row.
        Session mine = testing::makeSession(QStringLiteral("laptop"), 1.0);
        mine.results.removeIf([](const PointResult& p) { return p.rung == QLatin1String("dac"); });
        ResultsModel model;
        model.setDatasets({Dataset::fromSession(mine, QStringLiteral("laptop")),
                           Dataset::fromSession(testing::makeSession(QStringLiteral("server"), 2.5),
                                                QStringLiteral("server"))});
        QVERIFY(!model.rungs(0).contains(QStringLiteral("dac")));
        QCOMPARE(model.allRungs().size(), model.rungs(1).size());
        for (ChartKind kind : {ChartKind::Runtime, ChartKind::Ladder}) {
            const std::unique_ptr<ChartPanel> panelOwned(createChartPanel(kind, &model));
            ChartPanel& panel = *panelOwned;
            panel.rebuild();
            QCOMPARE(panel.pointCount(QStringLiteral("dac"), 0), 0);
            QCOMPARE(panel.pointCount(QStringLiteral("dac"), 1), 1);
            // The presentation steps through this session's ladder only.
            panel.setRevealedRungs(2);
            QCOMPARE(panel.pointCount(QStringLiteral("dac"), 1), 0);
        }
    }

    void runtimeLabelsBesideTheirBars() {
        // Large type: Python's label is long, and its bar the longest of this machine's.
        ResultsModel model;
        model.setDatasets({Dataset::fromSession(testing::makeSession(QStringLiteral("laptop")),
                                                QStringLiteral("laptop"))});
        RuntimeChart panel(&model);
        panel.setTheme(Theme::forId(ThemeId::Presentation));
        panel.setPaper(QString());
        QVERIFY(showLaidOut(panel, 1100, 700));
        QChart* chart = panel.chart();
        QList<QRectF> labels;
        for (const QGraphicsSimpleTextItem* text : textItems(chart)) {
            if (text->isVisible())
                labels << boxOf(text);
        }
        int bars = 0;
        const auto series = chart->series();
        for (QAbstractSeries* s : series) {
            auto* area = qobject_cast<QAreaSeries*>(s);
            if (!area || s->property("headroomPoints").toInt() != 1)
                continue;
            const QPointF end = chart->mapToPosition(area->upperSeries()->at(1), area);
            const QPointF low = chart->mapToPosition(area->lowerSeries()->at(1), area);
            const double mid = (end.y() + low.y()) / 2;
            const QRectF* label = nullptr;
            for (const QRectF& r : std::as_const(labels)) {
                if (std::abs(r.center().y() - mid) < 3 && (!label || r.left() < label->left()))
                    label = &r;
            }
            QVERIFY(label);
            QVERIFY2(label->left() >= end.x(),
                     qPrintable(s->property("headroomRung").toString() +
                                QStringLiteral(" label %1 end %2 width %3")
                                    .arg(label->left())
                                    .arg(end.x())
                                    .arg(label->width())));
            ++bars;
        }
        QCOMPARE(bars, int(std::size(testing::kLadder1024)));
    }

    // The time axis is widened for the bar labels from the axis as built, at the size the chart
    // has now: a narrow first layout must not leave the final one a third empty, and its tick
    // labels ("1e+06") must not run into each other.
    void runtimeAxisFollowsTheFinalSize() {
        ResultsModel model;
        model.setDatasets({Dataset::fromSession(testing::makeSession(QStringLiteral("laptop")),
                                                QStringLiteral("laptop"))});
        auto timeAxis = [](ChartPanel& panel) {
            const auto axes = panel.chart()->axes(Qt::Horizontal);
            return axes.isEmpty() ? nullptr : qobject_cast<QLogValueAxis*>(axes.first());
        };
        auto layOut = [](ChartPanel& panel, QSize size) {
            panel.resize(size);
            QCoreApplication::sendPostedEvents();
            QTest::qWait(50);
        };
        // Built and shown in large type at `size`.
        auto shown = [&](QSize size) {
            auto panel = std::make_unique<RuntimeChart>(&model);
            panel->setTheme(Theme::forId(ThemeId::Presentation));
            panel->resize(size);
            panel->show();
            if (QTest::qWaitForWindowExposed(panel.get())) {
                panel->rebuild();
                layOut(*panel, size);
            }
            return panel;
        };
        const auto grownPanel = shown(QSize(900, 600));
        ChartPanel& grown = *grownPanel;
        QVERIFY(timeAxis(grown));
        const double narrowMax = timeAxis(grown)->max();
        layOut(grown, QSize(1920, 1080));
        const auto freshPanel = shown(QSize(1920, 1080));
        ChartPanel& fresh = *freshPanel;
        QLogValueAxis* wide = timeAxis(fresh);
        QVERIFY(wide);
        // At 900 px the long labels need a wider axis than at 1920 px.
        QVERIFY2(narrowMax > wide->max() * 1.5,
                 qPrintable(QStringLiteral("narrow %1, wide %2").arg(narrowMax).arg(wide->max())));
        QVERIFY2(std::abs(std::log10(timeAxis(grown)->max() / wide->max())) < 0.05,
                 qPrintable(QStringLiteral("grown to %1, built at that size %2")
                                .arg(timeAxis(grown)->max())
                                .arg(wide->max())));
        for (ChartPanel* panel : {&grown, &fresh}) {
            QLogValueAxis* axis = timeAxis(*panel);
            const double labels = std::log10(axis->max() / axis->min()) / std::log10(axis->base());
            const int labelWidth =
                QFontMetrics(axis->labelsFont()).horizontalAdvance(QStringLiteral("1e+06"));
            QVERIFY2(panel->chart()->plotArea().width() / labels > labelWidth,
                     qPrintable(QStringLiteral("%1 labels in %2 px")
                                    .arg(labels)
                                    .arg(panel->chart()->plotArea().width())));
        }
        // The narrow one labels every other decade to keep its labels apart.
        layOut(grown, QSize(520, 400));
        QCOMPARE(timeAxis(grown)->base(), 100.0);
    }

    void runtimeLabelMarksStepWithinNoise() {
        // tiled is 0.95x parallel with overlapping intervals: its bar label carries the mark,
        // dac's real step does not.
        ResultsModel model;
        model.appendResult(0, testing::makeTimedPoint("parallel", 512, 0.020, 0.018, 0.023));
        model.appendResult(0, testing::makeTimedPoint("tiled", 512, 0.021, 0.019, 0.024));
        model.appendResult(0, testing::makeTimedPoint("dac", 512, 0.010, 0.009, 0.011));
        RuntimeChart panel(&model);
        panel.setPaper(QString());
        panel.resize(1100, 700);
        panel.rebuild();
        QStringList texts;
        for (const QGraphicsSimpleTextItem* text : textItems(panel.chart()))
            texts << text->text();
        auto labelWith = [&](const QString& part) {
            for (const QString& t : std::as_const(texts))
                if (t.contains(part))
                    return t;
            return QString();
        };
        const QString tiled = labelWith(QStringLiteral("21.0 ms"));
        const QString dac = labelWith(QStringLiteral("10.0 ms"));
        QVERIFY2(tiled.contains(QStringLiteral("0.95\u00d7\u00b1")), qPrintable(tiled));
        QVERIFY2(!dac.isEmpty() && !dac.contains(QStringLiteral("\u00b1")), qPrintable(dac));
    }

    void exportedTableExplainsItsMarks() {
        // Exports hide the controls, and with them the note that explains ≈ and ±: the table
        // then carries its own key; on screen the key stays hidden (the note is there).
        ResultsModel model;
        model.appendResult(0, testing::makeTimedPoint("parallel", 512, 0.020, 0.018, 0.023));
        LadderTable panel(&model);
        panel.resize(900, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto* key = panel.findChild<QLabel*>(QStringLiteral("tableKey"));
        QVERIFY(key);
        QVERIFY(!key->isVisible());
        panel.setControlsVisible(false);
        QVERIFY(key->isVisible());
        QVERIFY(key->text().contains(QStringLiteral("\u00b1 within noise")));
        QVERIFY(key->text().contains(QStringLiteral("\u2248 extrapolated")));
    }

    void performanceAxisFollowsTheData() {
        // Small sizes: the axis spans them (with a margin), not every cache marker up to L3.
        ResultsModel model;
        fill(model);
        Machine m;
        m.caches.l1d = 32 << 10; // n ~ 37
        m.caches.l2 = 512 << 10; // n ~ 148
        m.caches.l3 = 32 << 20;  // n ~ 1183
        model.setMachine(m);
        PerformanceChart panel(&model);
        panel.rebuild();
        auto* x = qobject_cast<QLogValueAxis*>(panel.chart()->axes(Qt::Horizontal).first());
        QVERIFY(x);
        QVERIFY2(x->min() >= 64 / 1.6 && x->min() < 64, qPrintable(QString::number(x->min())));
        QVERIFY2(x->max() > 128 && x->max() <= 128 * 1.6, qPrintable(QString::number(x->max())));
        int markers = 0;
        const auto series = panel.chart()->series();
        for (QAbstractSeries* s : series) {
            auto* line = qobject_cast<QLineSeries*>(s);
            if (!line || !s->name().startsWith(QLatin1String("cache limits")))
                continue;
            ++markers;
            QVERIFY(line->at(0).x() >= x->min() && line->at(0).x() <= x->max());
        }
        QCOMPARE(markers, 1); // L2 only
    }

    void sizeAxisLabelsTheMeasuredSizes() {
        // A log axis labels only powers of two: n = 200 and 1000 would have no label. The
        // measured sizes are labelled under their points; a power of two keeps its label only
        // where it does not touch one (1024 beside 1000, in large type at 1280 px).
        ResultsModel model;
        for (int n : {64, 200, 1000})
            model.appendResult(0, testing::makeTimedPoint("optflags", n, 1e-9 * n * n * n,
                                                          0.9e-9 * n * n * n, 1.1e-9 * n * n * n));
        PerformanceChart panel(&model);
        QVERIFY(showOnSlide(panel));
        const QRectF area = panel.chart()->plotArea();
        QMap<QString, QRectF> below; // visible texts under the plot, by text
        for (const QGraphicsSimpleTextItem* text : textItems(panel.chart())) {
            if (!text->isVisible())
                continue;
            const QRectF r = boxOf(text);
            if (r.top() >= area.bottom())
                below.insert(text->text(), r);
        }
        auto* x = qobject_cast<QLogValueAxis*>(panel.chart()->axes(Qt::Horizontal).first());
        QVERIFY(x);
        for (const char* n : {"64", "200", "1000"}) {
            QVERIFY2(below.contains(QLatin1String(n)), n);
            // Centred under its value on the log axis.
            const double at = area.left() + area.width() * std::log(std::atof(n) / x->min()) /
                                                std::log(x->max() / x->min());
            QVERIFY2(std::abs(below[QLatin1String(n)].center().x() - at) < 1.5, n);
        }
        QVERIFY(!below.contains(QStringLiteral("1024")));
        const QList<QRectF> boxes = below.values();
        for (int i = 0; i < boxes.size(); ++i)
            for (int j = i + 1; j < boxes.size(); ++j)
                QVERIFY2(!boxes[i].intersects(boxes[j]),
                         qPrintable(below.keys()[i] + u' ' + below.keys()[j]));
    }

    void lineLabelsFollowAZoom() {
        // A cache marker's label sits at the top of its vertical line. Zoomed into the lower half
        // of the plot, that top is cut off: the label must stay with its line, inside the plot,
        // and go only when the line itself leaves the view.
        ResultsModel model;
        for (int n : {64, 128, 256, 512})
            model.appendResult(0, makePoint(QStringLiteral("optflags"), n, 1e-9 * n * n * n));
        Machine m;
        m.caches.l2 = 512 << 10; // marker at n ~ 148
        model.setMachine(m);
        PerformanceChart panel(&model);
        QVERIFY(showLaidOut(panel, 1000, 700));
        QChart* chart = panel.chart();
        auto label = [chart]() -> QGraphicsSimpleTextItem* {
            for (QGraphicsSimpleTextItem* text : textItems(chart)) {
                if (text->text().startsWith(QLatin1String("L2 ")))
                    return text;
            }
            return nullptr;
        };
        QGraphicsSimpleTextItem* l2 = label();
        QVERIFY(l2);
        QVERIFY(l2->isVisible());
        const QRectF area = chart->plotArea();
        const QRectF before = boxOf(l2);

        // The lower half, all sizes: the marker's top is above the view now.
        chart->zoomIn(QRectF(area.left(), area.center().y(), area.width(), area.height() / 2));
        QCoreApplication::sendPostedEvents();
        QVERIFY(l2->isVisible());
        const QRectF after = boxOf(l2);
        QVERIFY2(area.contains(after), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                      .arg(after.x())
                                                      .arg(after.y())
                                                      .arg(after.width())
                                                      .arg(after.height())));
        QVERIFY2(std::abs(after.top() - before.top()) < 2, "pinned to the top of the plot");

        // Zoomed right of the marker (sizes 256..512 only): the line is out of view, so is its
        // label.
        panel.resetZoom();
        chart->zoomIn(
            QRectF(area.right() - area.width() / 4, area.top(), area.width() / 4, area.height()));
        QCoreApplication::sendPostedEvents();
        QVERIFY(!l2->isVisible());
    }

    void extrapolatedLabelsDoNotOverlap() {
        // The slow rungs are extrapolated at the largest size, often close in speed: each one's
        // "extrapolated" label must stay readable, and hide none of the points.
        ResultsModel model;
        const QStringList rungs = {QStringLiteral("naive"), QStringLiteral("interchange"),
                                   QStringLiteral("java")};
        for (int i = 0; i < rungs.size(); ++i) {
            model.appendResult(0, makePoint(rungs[i], 256, 0.1 * (1 + 0.05 * i)));
            model.appendResult(
                0, makePoint(rungs[i], 1024, 6.4 * (1 + 0.05 * i), PointStatus::Extrapolated));
        }
        PerformanceChart panel(&model);
        QVERIFY(showOnSlide(panel));
        QList<QRectF> boxes;
        for (const QGraphicsSimpleTextItem* text : textItems(panel.chart())) {
            if (text->isVisible() && text->text() == QLatin1String("extrapolated"))
                boxes << boxOf(text);
        }
        QCOMPARE(boxes.size(), rungs.size());
        QList<QPointF> points; // where the dots are drawn: no label may cover one
        const auto series = panel.chart()->series();
        for (QAbstractSeries* s : series) {
            if (auto* dots = qobject_cast<QScatterSeries*>(s)) {
                for (const QPointF& p : dots->points())
                    points << panel.chart()->mapToPosition(p, dots);
            }
        }
        QCOMPARE(points.size(), 2 * rungs.size());
        for (int i = 0; i < boxes.size(); ++i) {
            QVERIFY(panel.chart()->plotArea().adjusted(-1, -1, 1, 1).contains(boxes[i]));
            for (const QPointF& p : std::as_const(points))
                QVERIFY(!boxes[i].adjusted(-4, -4, 4, 4).contains(p));
            for (int j = i + 1; j < boxes.size(); ++j)
                QVERIFY2(!boxes[i].intersects(boxes[j]),
                         qPrintable(QStringLiteral("%1 and %2").arg(i).arg(j)));
        }
    }

    void rooflineLabelsDoNotOverlap() {
        // Five rungs within a few per cent of each other at the same n: their names at the
        // best points would print on top of each other.
        ResultsModel model;
        const QStringList rungs = {QStringLiteral("naive"), QStringLiteral("interchange"),
                                   QStringLiteral("optflags"), QStringLiteral("parallel"),
                                   QStringLiteral("tiled")};
        for (int i = 0; i < rungs.size(); ++i)
            model.appendResult(0, makePoint(rungs[i], 512, 0.1 * (1 + 0.02 * i)));
        RooflineChart panel(&model);
        QVERIFY(showLaidOut(panel, 1000, 700));
        QList<QRectF> boxes;
        for (const QGraphicsSimpleTextItem* text : textItems(panel.chart())) {
            if (text->isVisible()) {
                for (const QString& rung : rungs) {
                    if (text->text() == rungLabel(rung))
                        boxes << text->sceneBoundingRect();
                }
            }
        }
        QCOMPARE(boxes.size(), rungs.size());
        for (int i = 0; i < boxes.size(); ++i) {
            for (int j = i + 1; j < boxes.size(); ++j)
                QVERIFY2(!boxes[i].intersects(boxes[j]),
                         qPrintable(QStringLiteral("%1 and %2").arg(i).arg(j)));
        }
    }

    void ceilingLabelsClearOfPoints() {
        // A rung just above a compute ceiling at the largest size sits where the ceiling's
        // label goes (at the right end, above its line): the label moves along its line instead
        // of printing over the point.
        Session session = testing::makeSession(QStringLiteral("laptop"));
        Limits& limits = *session.machine.limits;
        limits.perIsa = {{QStringLiteral("scalar"), QStringLiteral("double"), 2, 24, 23},
                         {QStringLiteral("sse"), QStringLiteral("double"), 2, 48, 46},
                         {QStringLiteral("avx2"), QStringLiteral("double"), 2, 192, 180}};
        for (PointResult& p : session.results) {
            // 10 % above the sse and avx2 ceilings at n = 1024.
            if (p.n == 1024 &&
                (p.rung == QLatin1String("vectorized") || p.rung == QLatin1String("microkernel"))) {
                p.gflops = p.rung == QLatin1String("vectorized") ? 46 * 1.1 : 180 * 1.1;
                p.seconds = 2.0 * 1024 * 1024 * 1024 / p.gflops / 1e9;
            }
        }
        ResultsModel model;
        model.setDatasets({Dataset::fromSession(session, QStringLiteral("laptop"))});
        RooflineChart panel(&model);
        QVERIFY(showLaidOut(panel, 1000, 700));
        QChart* chart = panel.chart();
        QList<QPair<QPointF, qreal>> dots; // centre and radius
        const auto series = chart->series();
        for (QAbstractSeries* s : series) {
            if (auto* scatter = qobject_cast<QScatterSeries*>(s)) {
                for (const QPointF& p : scatter->points())
                    dots.append({chart->mapToPosition(p, scatter), scatter->markerSize() / 2});
            }
        }
        int ceilings = 0;
        for (const QGraphicsSimpleTextItem* text : textItems(chart)) {
            if (!text->isVisible() || !text->text().contains(QLatin1String(" measured ")))
                continue;
            ++ceilings;
            const QRectF box = boxOf(text);
            QVERIFY(chart->plotArea().contains(box));
            for (const auto& [centre, radius] : std::as_const(dots))
                QVERIFY2(!box.adjusted(-radius, -radius, radius, radius).contains(centre),
                         qPrintable(text->text()));
        }
        QCOMPARE(ceilings, 3);
    }

    void revealSteps() {
        ResultsModel model;
        fill(model);
        RuntimeChart runtime(&model);
        runtime.setRevealedRungs(1);
        QCOMPARE(runtime.pointCount(QStringLiteral("naive")), 1);
        QCOMPARE(runtime.pointCount(QStringLiteral("tiled")), 0);
        runtime.setRevealedRungs(-1);
        QCOMPARE(runtime.pointCount(QStringLiteral("microkernel")), 1);
    }
};

QTEST_MAIN(TestUiCharts)
#include "tst_ui_charts.moc"
