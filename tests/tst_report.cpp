// SPDX-License-Identifier: MIT
#include "report.h"

#include <QJsonArray>
#include <QTest>

using namespace headroom;

namespace {
PointResult point(const char* rung, int n, double seconds, PointStatus st = PointStatus::Verified) {
    PointResult p;
    p.rung = QLatin1String(rung);
    p.n = n;
    p.status = st;
    p.seconds = seconds;
    p.gflops = 2e-9 * n * n * n / seconds;
    p.repetitions = st == PointStatus::Verified ? 3 : 0;
    return p;
}
} // namespace

class TestReport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void speedups() {
        const QList<PointResult> rs = {point("python", 100, 100.0, PointStatus::Extrapolated),
                                       point("naive", 100, 10.0), point("interchange", 100, 5.0),
                                       point("microkernel", 100, 0.1), point("openblas", 100, 0.2)};
        const QList<LadderRow> rows = ladderRows(rs, 100, 0);
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows[0].result.rung, QStringLiteral("python"));
        QCOMPARE(rows[0].absoluteSpeedup, 1.0);
        QCOMPARE(rows[1].absoluteSpeedup, 10.0);
        QCOMPARE(rows[1].relativeSpeedup, 10.0);
        QCOMPARE(rows[2].relativeSpeedup, 2.0);
        QCOMPARE(rows[3].absoluteSpeedup, 1000.0);
        QCOMPARE(rows[3].relativeSpeedup, 50.0);
        // The yardstick is compared with the last rung, but is not a step of the ladder.
        QCOMPARE(rows[4].relativeSpeedup, 0.5);
    }

    void failedPointsAreNotFast() {
        const QList<PointResult> rs = {point("naive", 64, 1.0),
                                       point("optflags", 64, 0.001, PointStatus::Failed),
                                       point("parallel", 64, 0.5)};
        const QList<LadderRow> rows = ladderRows(rs, 64, 100);
        QCOMPARE(rows[1].absoluteSpeedup, 0.0);
        QCOMPARE(rows[1].percentOfPeak, 0.0);
        QCOMPARE(rows[2].relativeSpeedup, 2.0); // relative to naive, skipping the failed one
        const QString table = formatLadderTable(rs, 64, 100, QStringLiteral("measured"));
        QVERIFY(table.contains(QStringLiteral("FAILED")));
    }

    void table() {
        const QList<PointResult> rs = {point("naive", 512, 1.0), point("microkernel", 512, 0.01),
                                       point("openblas", 512, 0.011)};
        const QString t = formatLadderTable(rs, 512, 30, QStringLiteral("measured in this run"));
        QVERIFY(t.contains(QStringLiteral("n = 512")));
        QVERIFY(t.contains(QStringLiteral("C, naive")));
        QVERIFY(t.contains(QStringLiteral("100×")));
        QVERIFY(t.contains(QStringLiteral("microkernel / OpenBLAS = 1.10×")));
        QVERIFY(t.contains(QStringLiteral("peak 30.0 GFLOP/s measured in this run")));
        QVERIFY(
            t.contains(QStringLiteral("microkernel / peak = 89.5 % (peak measured in this run)")));
    }

    void ratioLineNamesEveryYardstick() {
        const QList<PointResult> rs = {point("microkernel", 1024, 0.010),
                                       point("openblas", 1024, 0.011), point("blis", 1024, 0.0125)};
        const QString line = formatTopRatios(rs, 1024, 0, QString());
        QVERIFY2(line.contains(QStringLiteral("microkernel / OpenBLAS = 1.10\u00d7")),
                 qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("microkernel / BLIS = 1.25\u00d7")),
                 qPrintable(line));
        QVERIFY(line.indexOf(QStringLiteral("OpenBLAS")) < line.indexOf(QStringLiteral("BLIS")));
    }

    void stepsWithinNoiseAreMarked() {
        // parallel -> tiled is 0.91x, beyond the 5 % floor, but their intervals overlap: marked.
        // tiled -> dac does not overlap: a real step, unmarked. dac -> vectorized is 0.97x with
        // disjoint narrow intervals: under the floor, marked. Without intervals (older files)
        // only the floor applies.
        auto timed = [](const char* rung, double s, double lo, double hi) {
            PointResult p = point(rung, 512, s);
            p.secondsLow = lo;
            p.secondsHigh = hi;
            return p;
        };
        const QList<PointResult> rs = {
            timed("parallel", 0.020, 0.016, 0.026), timed("tiled", 0.022, 0.019, 0.027),
            timed("dac", 0.010, 0.0099, 0.0101), timed("vectorized", 0.0103, 0.0102, 0.0104),
            point("microkernel", 512, 0.005)};
        QVERIFY(withinNoise(rs[0], rs[1]));
        QVERIFY(!withinNoise(rs[1], rs[2]));
        QVERIFY(withinNoise(rs[2], rs[3]));
        QVERIFY(!withinNoise(rs[3], rs[4]));
        QVERIFY(withinNoise(point("naive", 512, 0.60), point("interchange", 512, 0.62)));
        QVERIFY(!withinNoise(point("naive", 512, 0.60), point("interchange", 512, 0.66)));
        PointResult failed = rs[1];
        failed.status = PointStatus::Failed;
        QVERIFY(!withinNoise(rs[0], failed));
        const QList<LadderRow> rows = ladderRows(rs, 512, 0);
        QVERIFY(rows[1].relativeWithinNoise);
        QVERIFY(!rows[2].relativeWithinNoise);
        QVERIFY(rows[3].relativeWithinNoise);
        QVERIFY(!rows[4].relativeWithinNoise);
        const QString t = formatLadderTable(rs, 512, 0, QStringLiteral("measured"));
        QVERIFY2(t.contains(QStringLiteral("0.91×\u00b1")), qPrintable(t));
        QVERIFY2(t.contains(QStringLiteral("0.97×\u00b1")), qPrintable(t));
        QVERIFY(t.contains(QStringLiteral("within noise")));
        QVERIFY(!t.contains(QStringLiteral("2.20×\u00b1")));
        QVERIFY(!t.contains(QStringLiteral("2.06×\u00b1")));
        // Without any such step there is no footnote.
        const QString plain = formatLadderTable(rs.mid(1, 2), 512, 0, QStringLiteral("measured"));
        QVERIFY(!plain.contains(QStringLiteral("within noise")));
    }

    void csv() {
        PointResult p = point("naive", 8, 0.5);
        p.message = QStringLiteral("a, \"quoted\" note");
        const QByteArray csv = toCsv({p});
        const QList<QByteArray> lines = csv.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith("rung,name,n,status,seconds"));
        QVERIFY(lines[1].startsWith("naive,\"C, naive\",8,verified,0.5,"));
        QVERIFY(lines[1].endsWith("\"a, \"\"quoted\"\" note\",0"));
    }

    void sampledPointsAreMarked() {
        PointResult p = point("python", 4096, 23000);
        p.sampledRows = 1;
        const QString t = formatLadderTable({p}, 4096, 0, QStringLiteral("measured"));
        QVERIFY2(t.contains(QStringLiteral("6.4 h*")), qPrintable(t));
        QVERIFY(t.contains(QStringLiteral("sampled: 1 of 4096 rows, verified")));
        QVERIFY(t.contains(QStringLiteral("* sampled: whole rows")));
        const QList<QByteArray> lines = toCsv({p}).trimmed().split('\n');
        QVERIFY(lines[0].endsWith(",sampled_rows"));
        QVERIFY2(lines[1].startsWith("python,Python,4096,sampled,23000,"), lines[1].constData());
        QVERIFY(lines[1].endsWith(",1"));
        // A failed sampled point says failed, and which rows.
        p.status = PointStatus::Failed;
        p.message = QStringLiteral("row 0 wrong");
        QVERIFY(formatLadderTable({p}, 4096, 0, {})
                    .contains(QStringLiteral("FAILED: row 0 wrong (sampled: 1 of 4096 rows)")));
        QVERIFY(toCsv({p}).contains(",failed,"));
    }

    void googleBenchmarkJson() {
        Session s;
        s.results = {point("naive", 64, 0.25), point("python", 512, 9, PointStatus::Extrapolated),
                     point("optflags", 64, 0.01, PointStatus::Failed)};
        const QJsonObject o = toGoogleBenchmarkJson(s);
        QVERIFY(o.contains(QStringLiteral("context")));
        const QJsonArray b = o[QStringLiteral("benchmarks")].toArray();
        QCOMPARE(b.size(), 2); // the extrapolated point was never run
        QCOMPARE(b[0].toObject()[QStringLiteral("name")].toString(),
                 QStringLiteral("dgemm/naive/64"));
        QCOMPARE(b[0].toObject()[QStringLiteral("real_time")].toDouble(), 250.0);
        QCOMPARE(b[0].toObject()[QStringLiteral("time_unit")].toString(), QStringLiteral("ms"));
        QVERIFY(b[1].toObject()[QStringLiteral("error_occurred")].toBool());
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
