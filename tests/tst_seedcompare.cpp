// SPDX-License-Identifier: MIT
// The seed comparison takes every speedup over the same pair of rows the paper does, names the
// sizes, and labels an extrapolation to the paper's n.
#include <seedcompare.h>

#include <QTest>

using namespace headroom;

namespace {
PointResult point(const char* rung, int n, double seconds,
                  PointStatus status = PointStatus::Verified) {
    PointResult p;
    p.rung = QString::fromLatin1(rung);
    p.n = n;
    p.seconds = seconds;
    p.status = status;
    return p;
}

const SeedComparisonRow* row(const SeedComparison& c, const char* rung) {
    for (const SeedComparisonRow& r : c.rows)
        if (r.rung == QLatin1String(rung))
            return &r;
    return nullptr;
}
} // namespace

class TestSeedCompare : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tablesAreTheSeeds() {
        const PaperTable* science = paperTable(QStringLiteral("science2020"));
        QVERIFY(science);
        QCOMPARE(science->n, 4096);
        QCOMPARE(science->rows.first().seconds, 25552.48);
        QVERIFY(paperTable(QStringLiteral("mit6172")));
        QVERIFY(!paperTable(QStringLiteral("nonsense")));
    }

    void speedupsOverTheSamePairOfRows() {
        // Science 2020 has no interchange/optflags rows: its "parallel" step is over naive C,
        // and ours must be too, not over optflags.
        const QList<PointResult> rs = {
            point("python", 512, 100),      point("java", 512, 10),
            point("naive", 512, 4),         point("interchange", 512, 2),
            point("optflags", 512, 0.5),    point("parallel", 512, 0.25),
            point("dac", 512, 0.1),         point("vectorized", 512, 0.05),
            point("microkernel", 512, 0.01)};
        const SeedComparison c =
            compareWithPaper(rs, *paperTable(QStringLiteral("science2020")), 512, false);
        QCOMPARE(c.n, 512);
        QVERIFY(!c.extrapolated);
        const SeedComparisonRow* parallel = row(c, "parallel");
        QVERIFY(parallel);
        QCOMPARE(parallel->relative, 16.0); // naive 4 s over parallel 0.25 s
        QCOMPARE(parallel->paperRelative, 542.67 / 69.80);
        QCOMPARE(parallel->absolute, 400.0);
        QVERIFY(qAbs(parallel->relativeRatio() - 16.0 / (542.67 / 69.80)) < 1e-12);
        QCOMPARE(row(c, "python")->relative, 0.0); // the first row has no step
        QCOMPARE(row(c, "microkernel")->absolute, 10000.0);
        QVERIFY2(c.sizeNote().contains(QStringLiteral("sizes differ")), qPrintable(c.sizeNote()));
        QVERIFY(c.sizeNote().contains(QStringLiteral("n = 512")));
        QVERIFY(c.sizeNote().contains(QStringLiteral("n = 4096")));
    }

    void missingAndFailedRungsStayEmpty() {
        PointResult failed = point("dac", 256, 0.1, PointStatus::Failed);
        const QList<PointResult> rs = {point("naive", 256, 1), point("parallel", 256, 0.5), failed};
        const SeedComparison c =
            compareWithPaper(rs, *paperTable(QStringLiteral("science2020")), 256, false);
        QCOMPARE(row(c, "python")->seconds, 0.0);
        QCOMPARE(row(c, "naive")->absolute, 0.0); // no python time: no absolute speedups
        QCOMPARE(row(c, "parallel")->relative, 2.0);
        QCOMPARE(row(c, "dac")->seconds, 0.0); // a failed verification is not a time
        QCOMPARE(row(c, "vectorized")->relative, 0.0);
        QCOMPARE(row(c, "dac")->relativeRatio(), 0.0);
    }

    void extrapolatedToThePapersSizeIsLabelled() {
        const QList<PointResult> rs = {point("naive", 256, 1.0), point("naive", 1024, 64.0),
                                       point("parallel", 1024, 8.0),
                                       point("microkernel", 2048, 0.5, PointStatus::Extrapolated)};
        const SeedComparison c =
            compareWithPaper(rs, *paperTable(QStringLiteral("mit6172")), 1024, true);
        QVERIFY(c.extrapolated);
        QCOMPARE(c.n, 4096);
        QCOMPARE(c.measuredN, 1024);
        QCOMPARE(row(c, "naive")->seconds, 64.0 * 64); // (4096/1024)^3
        QVERIFY(row(c, "naive")->extrapolated);
        // The MIT table's step to parallel is over optflags, which this run lacks: no step, rather
        // than one over naive that the paper's number does not describe.
        QCOMPARE(row(c, "parallel")->relative, 0.0);
        QCOMPARE(row(c, "parallel")->absolute, 0.0);   // nor python, the first row
        QCOMPARE(row(c, "microkernel")->seconds, 0.0); // not at the size the others scale from
        QVERIFY2(c.sizeNote().contains(QStringLiteral("extrapolated from n = 1024 to 4096")),
                 qPrintable(c.sizeNote()));

        // Measured at the paper's own size: nothing is extrapolated.
        const QList<PointResult> same = {point("naive", 4096, 600.0)};
        const SeedComparison d =
            compareWithPaper(same, *paperTable(QStringLiteral("science2020")), 4096, true);
        QVERIFY(!d.extrapolated);
        QVERIFY(!row(d, "naive")->extrapolated);
        QCOMPARE(d.sizeNote(), QStringLiteral("both at n = 4096"));
    }

    // One scale for everyone who moves this machine's times to the paper's size.
    void theScaleToThePapersSize() {
        const PaperTable& science = *paperTable(QStringLiteral("science2020"));
        const QList<PointResult> rs = {point("naive", 512, 1.0), point("naive", 1024, 8.0),
                                       point("dac", 2048, 0.5, PointStatus::Extrapolated)};
        const PaperScale s = scaleToPaper(rs, science);
        QCOMPARE(s.from, 1024); // the largest verified size, not an extrapolated one
        QCOMPARE(s.factor, 64.0);
        QCOMPARE(compareWithPaper(rs, science, 512, true).row(QStringLiteral("naive"))->seconds,
                 8.0 * s.factor);
        QCOMPARE(scaleToPaper({point("naive", 4096, 500.0)}, science).from, 0);
        QCOMPARE(scaleToPaper({}, science).factor, 1.0);
        // The paper's own steps, whatever this run holds.
        const SeedComparison none = compareWithPaper({}, science, 512, false);
        QCOMPARE(none.row(QStringLiteral("naive"))->paperRelative, 2372.68 / 542.67);
        QCOMPARE(none.row(QStringLiteral("python"))->paperRelative, 0.0);
        QCOMPARE(none.row(QStringLiteral("interchange")), nullptr);
    }
};

QTEST_GUILESS_MAIN(TestSeedCompare)
#include "tst_seedcompare.moc"
