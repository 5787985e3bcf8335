// SPDX-License-Identifier: MIT
// Compared sessions without any widget: a dataset is a session plus a label (app/dataset), and
// machine B over machine A per rung (app/compareratio).
#include "compareratio.h"
#include "dataset.h"
#include "runner_fixtures.h"

#include <QTemporaryDir>
#include <QTest>

using namespace headroom;

namespace {

PointResult point(const char* rung, int n, double gflops,
                  PointStatus status = PointStatus::Verified) {
    PointResult p;
    p.rung = QLatin1String(rung);
    p.n = n;
    p.status = status;
    p.gflops = gflops;
    p.seconds = 2.0 * n * n * n / (gflops * 1e9);
    p.repetitions = 3;
    return p;
}

Session session(const QString& title, const QList<PointResult>& results) {
    Session s;
    s.title = title;
    s.machine = testing::testMachine();
    s.plan = testing::smallPlan({QStringLiteral("naive")}, {64});
    s.results = results;
    return s;
}

} // namespace

class TestCompareRatio : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void largestCommonVerifiedSize() {
        const Session a =
            session(QStringLiteral("A"), {point("naive", 256, 1.0), point("naive", 512, 1.0),
                                          point("tiled", 256, 4.0), point("tiled", 512, 4.0)});
        const Session b =
            session(QStringLiteral("B"), {point("tiled", 256, 10.0), point("tiled", 512, 12.0),
                                          point("naive", 512, 3.0)});
        const QList<RungRatio> rows = rungRatios(a, b);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].rung, QStringLiteral("naive")); // ladder order
        QCOMPARE(rows[0].n, 512);
        QCOMPARE(rows[0].ratio, 3.0);
        QCOMPARE(rows[1].rung, QStringLiteral("tiled"));
        QCOMPARE(rows[1].n, 512);
        QCOMPARE(rows[1].ratio, 3.0);
        QVERIFY(!rows[1].extrapolated);
        const QList<RungRatio> all = rungRatiosAllSizes(a, b, QStringLiteral("tiled"));
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].ratio, 2.5);
    }

    void failedIsNoSpeedAndExtrapolatedIsMarked() {
        // A failed point never makes a ratio; a prediction does, marked as one, only when no
        // size has both sides verified.
        const Session a =
            session(QStringLiteral("A"), {point("naive", 256, 1.0, PointStatus::Failed),
                                          point("python", 4096, 0.01, PointStatus::Extrapolated)});
        const Session b =
            session(QStringLiteral("B"), {point("naive", 256, 2.0), point("python", 4096, 0.02)});
        const QList<RungRatio> rows = rungRatios(a, b);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].rung, QStringLiteral("python"));
        QVERIFY(rows[0].extrapolated);
        QCOMPARE(rows[0].ratio, 2.0);
    }

    void datasetIsSessionPlusLabel() {
        const Session s = session(QStringLiteral("laptop"), {point("naive", 64, 1.0)});
        const Dataset d = Dataset::fromSession(s);
        QCOMPARE(d.label, QStringLiteral("laptop"));
        QVERIFY(d.find(QStringLiteral("naive"), 64));
        const Dataset named = Dataset::fromSession(s, QStringLiteral("a.json"));
        QCOMPARE(named.label, QStringLiteral("a.json"));
        QCOMPARE(named.toSession().title, QStringLiteral("a.json"));
        QCOMPARE(named.toSession().results.size(), 1);
    }

    void loadedLabels() {
        QTemporaryDir dir;
        QString error;
        const QString titled = dir.filePath(QStringLiteral("t.json"));
        const QString untitled = dir.filePath(QStringLiteral("node17.json"));
        const QString longTitle = dir.filePath(QStringLiteral("long.json"));
        QVERIFY(session(QStringLiteral("server"), {}).save(titled, &error));
        QVERIFY(session(QString(), {}).save(untitled, &error));
        QVERIFY(session(QString(200, QLatin1Char('L')), {}).save(longTitle, &error));
        const auto loaded =
            loadDatasets({titled, untitled, titled, longTitle}, {QStringLiteral("server")}, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->size(), 4);
        QCOMPARE(loaded->at(0).label, QStringLiteral("server (2)")); // taken by the model
        QCOMPARE(loaded->at(1).label, QStringLiteral("node17"));     // no title: the file name
        QCOMPARE(loaded->at(2).label, QStringLiteral("server (3)"));
        QCOMPARE(loaded->at(3).label.size(), 60); // elided for legends
        QVERIFY(loaded->at(3).label.endsWith(QChar(0x2026)));

        const QString missing = dir.filePath(QStringLiteral("missing.json"));
        QVERIFY(!loadDatasets({titled, missing}, {}, &error));
        QVERIFY2(error.contains(QLatin1String("missing.json")), qPrintable(error));
        QVERIFY(!loadDatasets({missing}, {}, nullptr)); // no error wanted: still no crash
    }
};

QTEST_GUILESS_MAIN(TestCompareRatio)
#include "tst_compareratio.moc"
