// SPDX-License-Identifier: MIT
// The roofline model: the traffic model's arithmetic intensity, ceilings taken from the limits,
// attainable performance and ridge points, and the text that states them.
#include "describe.h"
#include "format.h"
#include "roofline.h"

#include <QTest>

using namespace headroom;

namespace {

Machine madeUpMachine() {
    Machine m;
    m.topology.source = QStringLiteral("live");
    m.topology.cores = 2;
    Limits l;
    l.threads = 2;
    l.clockGhz = 3;
    l.setting = QStringLiteral("quick");
    l.peakTheoreticalGflops = 96;
    l.peakMeasuredGflops = 90;
    l.perIsa = {{QStringLiteral("avx2"), QStringLiteral("double"), 2, 96, 90},
                {QStringLiteral("scalar"), QStringLiteral("double"), 2, 24, 23}};
    l.bandwidth = {{QStringLiteral("L1"), 300, 16 << 10, 2, QStringLiteral("read")},
                   {QStringLiteral("L1"), 250, 16 << 10, 2, QStringLiteral("triad")},
                   {QStringLiteral("DRAM"), 20, 256 << 20, 2, QStringLiteral("read")},
                   {QStringLiteral("DRAM"), 30, 256 << 20, 2, QStringLiteral("triad")},
                   {QStringLiteral("DRAM"), 15, 256 << 20, 1, QStringLiteral("read")}};
    m.limits = l;
    return m;
}

} // namespace

class TestRoofline : public QObject {
    Q_OBJECT

private slots:
    // Ceilings within 3 % share one line and one label (Zen 4: avx2 118.2 and avx512 118.1).
    void equalCeilingsShareALine() {
        Roofline r;
        r.threads = 2;
        r.compute = {{QStringLiteral("scalar"), QStringLiteral("double"), 2, 29.6, true},
                     {QStringLiteral("sse"), QStringLiteral("double"), 2, 59.1, true},
                     {QStringLiteral("avx2"), QStringLiteral("double"), 2, 118.2, true},
                     {QStringLiteral("avx512"), QStringLiteral("double"), 2, 118.1, true},
                     {QStringLiteral("avx512"), QStringLiteral("double"), 2, 120.0, false},
                     {QStringLiteral("avx512"), QStringLiteral("double"), 1, 59.0, true},
                     {QStringLiteral("avx512"), QStringLiteral("single"), 2, 236.0, true}};
        const QList<CeilingLine> lines = computeCeilingLines(r);
        QCOMPARE(lines.size(), 4); // theoretical avx512, avx2 = avx512, sse, scalar
        QCOMPARE(lines[0].label(), QStringLiteral("avx512 theoretical"));
        QCOMPARE(lines[1].label(), QStringLiteral("avx2 = avx512 measured"));
        QCOMPARE(lines[1].gflops, 118.2);
        QCOMPARE(lines[2].label(), QStringLiteral("sse measured"));
        QCOMPARE(lines[3].label(), QStringLiteral("scalar measured"));
        // 4 % apart: two lines.
        r.compute[3].gflops = 113.4;
        QCOMPARE(computeCeilingLines(r).size(), 5);
    }

    void intensity_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("bytes");
        QTest::newRow("1") << 1 << 24.0;
        QTest::newRow("12") << 12 << 3456.0;
        QTest::newRow("1000") << 1000 << 24e6;
        QTest::newRow("4096") << 4096 << 24.0 * 4096 * 4096;
    }

    void intensity() {
        QFETCH(int, n);
        QFETCH(double, bytes);
        QCOMPARE(compulsoryBytes(n), bytes);
        const double flops = 2.0 * n * n * n;
        QCOMPARE(arithmeticIntensity(n), flops / bytes);
        QCOMPARE(arithmeticIntensity(n), n / 12.0);
    }

    void intensityOfNothing() {
        QCOMPARE(arithmeticIntensity(0), 0.0);
        QCOMPARE(arithmeticIntensity(-3), 0.0);
    }

    void noLimitsNoCeilings() {
        const Roofline r = rooflineFor(Machine{});
        QVERIFY(r.compute.isEmpty());
        QVERIFY(r.memory.isEmpty());
        QCOMPARE(r.attainableGflops(10), 0.0);
        QCOMPARE(r.ridgeIntensity(), 0.0);
        QVERIFY(r.trafficModel.contains(QStringLiteral("3*8*n^2")));
    }

    void ceilings() {
        const Roofline r = rooflineFor(madeUpMachine());
        QCOMPARE(r.threads, 2);
        QCOMPARE(r.peakGflops, 90.0);                       // measured wins as the reference
        QCOMPARE(r.compute.size(), 4);                      // measured and theoretical per entry
        QCOMPARE(r.memory.size(), 3);                       // L1 and DRAM on 2 threads, DRAM on 1
        QCOMPARE(r.bandwidth(QStringLiteral("L1")), 300.0); // best of read and triad
        QCOMPARE(r.bandwidth(QStringLiteral("DRAM")), 30.0);
        QCOMPARE(r.bandwidth(QStringLiteral("L3")), 0.0);
        QCOMPARE(r.ridgeIntensity(), 3.0);
        QCOMPARE(r.attainableGflops(1.0), 30.0);   // memory bound
        QCOMPARE(r.attainableGflops(100.0), 90.0); // compute bound
        QCOMPARE(r.attainableGflops(0.1, QStringLiteral("L1")), 30.0);
        // A rung at n = 12 has intensity 1: DRAM-bound at 30 GFLOP/s by the compulsory model.
        QCOMPARE(r.attainableGflops(arithmeticIntensity(12)), 30.0);
    }

    void textStatesTheModel() {
        const QString text = describeMachineText(madeUpMachine());
        QVERIFY(text.contains(QStringLiteral("traffic model")));
        QVERIFY(text.contains(QStringLiteral("ridge at 3.00 flop/byte")));
        QVERIFY(text.contains(QStringLiteral("without write-allocate")));
    }

    // The limits tables write their numbers through app/format, units in every cell, and keep
    // their columns: each rate ends where its header does.
    void limitsTablesWriteNumbersThroughFormat() {
        const QStringList lines = describeMachineText(madeUpMachine()).split(u'\n');
        auto line = [&](const QString& start) {
            for (const QString& l : lines)
                if (l.startsWith(start))
                    return l;
            return QString();
        };
        const QString avx2 = line(QStringLiteral("  avx2"));
        QVERIFY2(avx2.contains(format::rate(90, format::Rate::Gflops)), qPrintable(avx2));
        QVERIFY2(avx2.contains(format::rate(96, format::Rate::Gflops)), qPrintable(avx2));
        QVERIFY2(avx2.endsWith(format::ratio(90.0 / 96)), qPrintable(avx2));
        const QString peakHeader = line(QStringLiteral("  peak"));
        QCOMPARE(avx2.indexOf(QStringLiteral("GFLOP/s")) + 7, peakHeader.indexOf(u"measured") + 8);
        const QString l1 = line(QStringLiteral("  L1 "));
        const QString rate = format::rate(300, format::Rate::GigabytesPerSecond);
        QVERIFY2(l1.contains(rate), qPrintable(l1));
        const QString bandwidthHeader = line(QStringLiteral("  bandwidth"));
        QCOMPARE(l1.indexOf(rate) + rate.size(), bandwidthHeader.indexOf(u"rate") + 4);
        QVERIFY(l1.endsWith(format::bytes(16 << 10)));
    }
};

QTEST_GUILESS_MAIN(TestRoofline)
#include "tst_roofline.moc"
