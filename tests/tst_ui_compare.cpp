// SPDX-License-Identifier: MIT
// Compare: two saved sessions loaded into one model as datasets, overlaid on a chart, and the
// ratio table per rung (B / A GFLOP/s at the largest common n).
#include "chartpanel.h"
#include "compare.h"
#include "laddertable.h"
#include "performancechart.h"
#include "resultsmodel.h"
#include "rooflinechart.h"
#include "runtimechart.h"
#include "ui_export_fixtures.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QHash>
#include <QScatterSeries>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace headroom;
using namespace headroom::ui;

namespace {

QString saved(const QTemporaryDir& dir, const Session& s, const QString& name) {
    const QString path = dir.filePath(name);
    QString error;
    if (!s.save(path, &error))
        qWarning() << error;
    return path;
}

} // namespace

class TestUiCompare : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ratiosOfTwoSessions() {
        QTemporaryDir dir;
        const Session a = testing::makeSession(QStringLiteral("laptop"), 1.0);
        const Session b = testing::makeSession(QStringLiteral("server"), 2.5);
        ResultsModel model;
        QString error;
        QVERIFY2(loadSessionsInto(&model,
                                  {saved(dir, a, QStringLiteral("a.json")),
                                   saved(dir, b, QStringLiteral("b.json"))},
                                  true, &error),
                 qPrintable(error));
        QCOMPARE(model.datasetCount(), 2);
        QCOMPARE(model.dataset(0).label, QStringLiteral("laptop"));
        QCOMPARE(model.dataset(1).label, QStringLiteral("server"));

        RatioTableModel ratios(&model);
        QAbstractItemModelTester tester(&ratios,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(ratios.rowCount(), int(std::size(testing::kLadder1024)));
        for (const RungRatio& row : ratios.ratios()) {
            const PointResult* pa = a.find(row.rung, row.n);
            const PointResult* pb = b.find(row.rung, row.n);
            QVERIFY(pa && pb);
            QVERIFY2(pa->verified() && pb->verified(), qPrintable(row.rung));
            QCOMPARE(row.ratio, pb->gflops / pa->gflops);
            QVERIFY(qAbs(row.ratio - 2.5) < 1e-9);
        }
        // Python is measured only at the smallest size; the others at the largest.
        QCOMPARE(ratios.ratios().first().rung, QStringLiteral("python"));
        QCOMPARE(ratios.ratios().first().n, 256);
        QCOMPARE(ratios.ratios().last().n, 1024);
        QCOMPARE(ratios.data(ratios.index(1, RatioTableModel::RatioColumn)).toString(),
                 QStringLiteral("2.50×"));
        QVERIFY(ratios.headerData(RatioTableModel::BColumn, Qt::Horizontal)
                    .toString()
                    .contains(QLatin1String("server")));

        // Swapped: A / B.
        ratios.setPair(1, 0);
        QVERIFY(qAbs(ratios.ratios().at(3).ratio - 0.4) < 1e-9);
        ratios.setPair(0, 0);
        QCOMPARE(ratios.rowCount(), 0);
    }

    void commonSizeOnly() {
        ResultsModel model;
        model.setDatasets(
            {Dataset::fromSession(testing::makeSession(QStringLiteral("A"), 1.0)),
             Dataset::fromSession(testing::makeSession(QStringLiteral("B"), 2.0, {256, 512}))});
        const QList<RungRatio> rows = rungRatios(model.dataset(0), model.dataset(1));
        QVERIFY(!rows.isEmpty());
        for (const RungRatio& row : rows) {
            if (row.rung != QLatin1String("python"))
                QCOMPARE(row.n, 512);
        }
        const QList<RungRatio> all =
            rungRatiosAllSizes(model.dataset(0), model.dataset(1), QStringLiteral("tiled"));
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).n, 256);
    }

    void overlayHasBothDatasets() {
        ResultsModel one;
        one.setDatasets({Dataset::fromSession(testing::makeSession(QStringLiteral("A"), 1.0))});
        PerformanceChart single(&one);
        single.rebuild();
        QVERIFY(single.chart());
        const int seriesOfOne = static_cast<int>(single.chart()->series().size());

        ResultsModel two;
        two.setDatasets({Dataset::fromSession(testing::makeSession(QStringLiteral("A"), 1.0)),
                         Dataset::fromSession(testing::makeSession(QStringLiteral("B"), 2.0))});
        CompareWidget compare(&two);
        QCOMPARE(compare.tabs()->count(), 4);
        auto* overlay = qobject_cast<ChartPanel*>(compare.tabs()->widget(0));
        QVERIFY(overlay);
        QCOMPARE(overlay->model(), &two);
        overlay->rebuild();
        QVERIFY(overlay->chart());
        QVERIFY2(overlay->chart()->series().size() > seriesOfOne,
                 qPrintable(QStringLiteral("%1 series for two datasets, %2 for one: ChartPanel "
                                           "must draw every dataset (see ui-api.md)")
                                .arg(overlay->chart()->series().size())
                                .arg(seriesOfOne)));
        QCOMPARE(compare.ratioModel()->rowCount(), int(std::size(testing::kLadder1024)));
    }

    void colourFamilies() {
        const Theme light = Theme::forId(ThemeId::Light);
        const QString rung = QStringLiteral("tiled");
        QCOMPARE(compareColor(rung, 1, light), compareColor(rung, 1, light));
        // Machines differ in hue for the same rung; a machine's rungs stay in one hue range.
        const int h0 = compareColor(rung, 0, light).hslHue();
        const int h1 = compareColor(rung, 1, light).hslHue();
        const int d = qAbs(h0 - h1);
        QVERIFY(std::min(d, 360 - d) > 60);
        const int first = compareColor(QStringLiteral("python"), 1, light).hslHue();
        const int last = compareColor(QStringLiteral("microkernel"), 1, light).hslHue();
        const int spread = qAbs(first - last);
        QVERIFY(std::min(spread, 360 - spread) <= 40);
        QVERIFY(compareColor(QStringLiteral("python"), 1, light) !=
                compareColor(QStringLiteral("microkernel"), 1, light));
    }

    // #20 row 12: past the six hue families, machines of one family still differ in colour
    // (saturation / lightness), roofline marker shape and line style.
    void manyMachinesStayApart() {
        for (const ThemeId id : {ThemeId::Light, ThemeId::Dark}) {
            const Theme theme = Theme::forId(id);
            for (int a = 1; a <= 24; ++a) {
                for (int b = a + 6; b <= 24; b += 6) {
                    const QColor ca = compareColor(QStringLiteral("tiled"), a, theme);
                    const QColor cb = compareColor(QStringLiteral("tiled"), b, theme);
                    const double apart =
                        std::max(std::abs(ca.hslSaturationF() - cb.hslSaturationF()),
                                 std::abs(ca.lightnessF() - cb.lightnessF()));
                    QVERIFY2(apart >= 0.1, qPrintable(QStringLiteral("machines %1 and %2: %3, %4")
                                                          .arg(a)
                                                          .arg(b)
                                                          .arg(ca.name(), cb.name())));
                    QVERIFY(compareMarkerIndex(a, 4) != compareMarkerIndex(b, 4));
                    QVERIFY(comparePenStyle(a) != comparePenStyle(b));
                }
            }
        }
        // In the roofline itself: the 2nd and 8th machines (indices 1 and 7) are told apart.
        ResultsModel model;
        QList<Dataset> datasets;
        for (int d = 0; d < 9; ++d)
            datasets << Dataset::fromSession(
                testing::makeSession(QStringLiteral("m%1").arg(d), 1.0 + d / 10.0));
        model.setDatasets(datasets);
        RooflineChart roofline(&model);
        roofline.rebuild();
        QHash<QString, QScatterSeries*> byGroup;
        const auto series = roofline.chart()->series();
        for (QAbstractSeries* s : series)
            if (auto* dots = qobject_cast<QScatterSeries*>(s))
                byGroup.insert(dots->name(), dots);
        QScatterSeries* second = byGroup.value(QStringLiteral("m1 (compared)"));
        QScatterSeries* eighth = byGroup.value(QStringLiteral("m7 (compared)"));
        QVERIFY(second && eighth);
        QVERIFY(second->markerShape() != eighth->markerShape());
        QVERIFY(second->color() != eighth->color());
    }

    void badFileLeavesModelAlone() {
        QTemporaryDir dir;
        const QString good =
            saved(dir, testing::makeSession(QStringLiteral("A")), QStringLiteral("a.json"));
        const QString bad = dir.filePath(QStringLiteral("broken.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"headroom-session\", \"version\": 1, \"machine\": ");
        f.close();
        ResultsModel model;
        model.setDatasets({Dataset::fromSession(testing::makeSession(QStringLiteral("keep")))});
        QString error;
        QVERIFY(!loadSessionsInto(&model, {good, bad}, true, &error));
        QCOMPARE(error.count(QLatin1String("broken.json")), 1); // named once, not twice
        QCOMPARE(model.datasetCount(), 1);
        QCOMPARE(model.dataset(0).label, QStringLiteral("keep"));
        // Same title twice: the labels are told apart.
        QVERIFY(loadSessionsInto(&model, {good, good}, true, &error));
        QCOMPARE(model.dataset(0).label, QStringLiteral("A"));
        QCOMPARE(model.dataset(1).label, QStringLiteral("A (2)"));
    }
};

QTEST_MAIN(TestUiCompare)
#include "tst_ui_compare.moc"
