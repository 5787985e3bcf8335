// SPDX-License-Identifier: MIT
// ResultsModel and LadderModel: structure (QAbstractItemModelTester), replacement of a point,
// datasets, ladder order, speedups and the paper columns.
#include "laddermodel.h"
#include "report.h"
#include "resultsmodel.h"
#include "ui_export_fixtures.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace headroom;
using namespace headroom::ui;

namespace {

using testing::makePoint;

} // namespace

class TestUiModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resultsModelStructure() {
        ResultsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.datasetCount(), 1);
        QSignalSpy changed(&model, &ResultsModel::resultChanged);
        model.appendResult(0, makePoint(QStringLiteral("tiled"), 64, 0.01));
        model.appendResult(0, makePoint(QStringLiteral("naive"), 64, 0.5));
        model.appendResult(0, makePoint(QStringLiteral("naive"), 128, 4.0));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(changed.count(), 3);
        // Same (rung, n) replaces, it does not add.
        model.appendResult(0, makePoint(QStringLiteral("naive"), 64, 0.4));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.find(0, QStringLiteral("naive"), 64)->seconds, 0.4);
        // Ladder order, not arrival order.
        QCOMPARE(model.rungs(0), (QStringList{QStringLiteral("naive"), QStringLiteral("tiled")}));
        QCOMPARE(model.sizes(0), (QList<int>{64, 128}));
        QCOMPARE(model.commonSize(0), 64); // tiled has no point at 128

        Dataset other;
        other.label = QStringLiteral("other");
        other.results = {makePoint(QStringLiteral("naive"), 64, 1.0)};
        QCOMPARE(model.addDataset(other), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.data(model.index(3, ResultsModel::DatasetColumn)).toString(),
                 QStringLiteral("other"));
        model.appendResult(0, makePoint(QStringLiteral("tiled"), 128, 0.08));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.data(model.index(4, ResultsModel::DatasetColumn)).toString(),
                 QStringLiteral("other"));
        model.removeDataset(1);
        QCOMPARE(model.rowCount(), 4);
        model.clearResults(0);
        QCOMPARE(model.rowCount(), 0);
    }

    void ladderModel() {
        ResultsModel results;
        LadderModel ladder(&results);
        QAbstractItemModelTester tester(&ladder,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        results.appendResult(0, makePoint(QStringLiteral("naive"), 256, 8.0));
        results.appendResult(0, makePoint(QStringLiteral("optflags"), 256, 2.0));
        results.appendResult(0, makePoint(QStringLiteral("microkernel"), 256, 0.5));
        results.appendResult(0, makePoint(QStringLiteral("tiled"), 256, 1.0, PointStatus::Failed));
        QCOMPARE(ladder.rowCount(), 4);
        QCOMPARE(ladder.size(), 256);
        auto value = [&](int row, int column) {
            return ladder.data(ladder.index(row, column), LadderModel::SortRole).toDouble();
        };
        // Rows in ladder order: naive, optflags, tiled, microkernel.
        QCOMPARE(ladder.data(ladder.index(2, 0), LadderModel::RungRole).toString(),
                 QStringLiteral("tiled"));
        QCOMPARE(value(1, LadderModel::AbsoluteSpeedupColumn), 4.0);
        QCOMPARE(value(1, LadderModel::RelativeSpeedupColumn), 4.0);
        // A failed point is no speed: no GFLOP/s, no speedup; the next rung compares with the
        // last rung that passed.
        QCOMPARE(value(2, LadderModel::GflopsColumn), 0.0);
        QCOMPARE(value(2, LadderModel::AbsoluteSpeedupColumn), 0.0);
        QCOMPARE(value(3, LadderModel::RelativeSpeedupColumn), 4.0);
        QCOMPARE(value(3, LadderModel::AbsoluteSpeedupColumn), 16.0);
        // The paper's rows beside ours (Science 2020: C 542.67 s, vectorization ... AVX 0.41 s).
        QCOMPARE(value(0, LadderModel::PaperSecondsColumn), 542.67);
        QCOMPARE(value(1, LadderModel::PaperSecondsColumn), 0.0); // not in Science's table
        // The paper's steps are its own table's, though this run has no Python or Java, and
        // nothing between C and the AVX intrinsics in Science's table: C is 4.37x over Java,
        // the intrinsics 2.68x over vectorization (not 1,324x over C, the row shown before).
        QCOMPARE(value(0, LadderModel::PaperRelativeColumn), 2372.68 / 542.67);
        QCOMPARE(value(0, LadderModel::PaperAbsoluteColumn), 25552.48 / 542.67);
        QCOMPARE(value(3, LadderModel::PaperRelativeColumn), 1.10 / 0.41);
        ladder.setPaper(QStringLiteral("mit6172"));
        QCOMPARE(value(1, LadderModel::PaperSecondsColumn), 54.63);
        const QString tsv = ladder.toTsv();
        QCOMPARE(tsv.count(u'\n'), 5);
        QVERIFY(tsv.split(u'\n').first().contains(u'\t'));
        ladder.setRevealedRungs(2);
        QCOMPARE(ladder.rowCount(), 2);
    }

    void ladderRowsAsTheCliTable() {
        // The model's speedups are the CLI table's (ladderRows): the first rung has no relative
        // step, and OpenBLAS is measured against the rung before it without being a step itself.
        ResultsModel results;
        LadderModel ladder(&results);
        const QList<PointResult> points = {
            makePoint(QStringLiteral("naive"), 256, 8.0),
            testing::makeTimedPoint("parallel", 256, 0.020, 0.018, 0.023),
            testing::makeTimedPoint("tiled", 256, 0.021, 0.019, 0.024),
            makePoint(QStringLiteral("microkernel"), 256, 0.5),
            makePoint(QStringLiteral("openblas"), 256, 0.25)};
        for (const PointResult& p : points)
            results.appendResult(0, p);
        const QList<LadderRow> cli = ladderRows(points, 256, 0);
        QCOMPARE(ladder.rowCount(), cli.size());
        auto cell = [&](int row, int column, int role) {
            return ladder.data(ladder.index(row, column), role);
        };
        for (int r = 0; r < cli.size(); ++r) {
            QCOMPARE(cell(r, LadderModel::AbsoluteSpeedupColumn, LadderModel::SortRole).toDouble(),
                     cli[r].absoluteSpeedup);
            QCOMPARE(cell(r, LadderModel::RelativeSpeedupColumn, LadderModel::SortRole).toDouble(),
                     cli[r].relativeSpeedup);
            QCOMPARE(cell(r, LadderModel::RelativeSpeedupColumn, Qt::DisplayRole)
                         .toString()
                         .contains(QStringLiteral("\u00b1")),
                     cli[r].relativeWithinNoise);
        }
        QVERIFY(cell(0, LadderModel::RelativeSpeedupColumn, Qt::DisplayRole).toString().isEmpty());
        QCOMPARE(cell(4, LadderModel::RelativeSpeedupColumn, Qt::DisplayRole).toString(),
                 QStringLiteral("2.00×"));
        QCOMPARE(cell(4, LadderModel::AbsoluteSpeedupColumn, Qt::DisplayRole).toString(),
                 QStringLiteral("32.0×"));
    }

    void stepWithinNoiseIsMarked() {
        // tiled is 0.95x parallel, but their 95 % intervals overlap: the cell says so (mark and
        // tooltip); the real step to dac carries no mark.
        ResultsModel results;
        LadderModel ladder(&results);
        results.appendResult(0, testing::makeTimedPoint("parallel", 512, 0.020, 0.018, 0.023));
        results.appendResult(0, testing::makeTimedPoint("tiled", 512, 0.021, 0.019, 0.024));
        results.appendResult(0, testing::makeTimedPoint("dac", 512, 0.010, 0.009, 0.011));
        QCOMPARE(ladder.rowCount(), 3);
        const QModelIndex tiled = ladder.index(1, LadderModel::RelativeSpeedupColumn);
        const QModelIndex dac = ladder.index(2, LadderModel::RelativeSpeedupColumn);
        QVERIFY(ladder.data(tiled).toString().contains(QStringLiteral("\u00b1")));
        // The tooltip words the rule as the table's footnote does, from the same constant.
        QVERIFY(ladder.data(tiled, Qt::ToolTipRole).toString().contains(withinNoiseMeaning()));
        QVERIFY(!ladder.data(dac).toString().contains(QStringLiteral("\u00b1")));
        QVERIFY(ladder.data(dac, Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(ladder.data(tiled, LadderModel::SortRole).toDouble(), 0.020 / 0.021);
    }

    void sampledPointIsMarked() {
        // Drawn as measured (a speed, speedups), with "sampled: r of n rows" in its cells.
        ResultsModel results;
        LadderModel ladder(&results);
        PointResult py = makePoint(QStringLiteral("python"), 4096, 23000.0);
        py.sampledRows = 1;
        results.appendResult(0, py);
        results.appendResult(0, makePoint(QStringLiteral("naive"), 4096, 500.0));
        const QModelIndex status = ladder.index(0, LadderModel::StatusColumn);
        QVERIFY2(ladder.data(status).toString().contains(QStringLiteral("sampled: 1 of 4096 rows")),
                 qPrintable(ladder.data(status).toString()));
        QVERIFY(ladder.data(ladder.index(0, LadderModel::SecondsColumn)).toString().endsWith(u'*'));
        QVERIFY(
            !ladder.data(ladder.index(1, LadderModel::SecondsColumn)).toString().endsWith(u'*'));
        QVERIFY(ladder.data(status, Qt::ToolTipRole).toString().contains(QStringLiteral("scaled")));
        QCOMPARE(
            ladder.data(ladder.index(1, LadderModel::AbsoluteSpeedupColumn), LadderModel::SortRole)
                .toDouble(),
            46.0);
        QCOMPARE(results.data(results.index(0, ResultsModel::StatusColumn)).toString(),
                 QStringLiteral("sampled"));
        QCOMPARE(results.data(results.index(0, ResultsModel::MessageColumn)).toString(),
                 QStringLiteral("sampled: 1 of 4096 rows"));
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
