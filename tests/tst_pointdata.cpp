// SPDX-License-Identifier: MIT
// A point's data: buffers prepared (C full of NaN, A and B from the seed), products verified at
// sizes that are not multiples of any block, samples summarised.
#include "pointdata.h"

#include <ladder.h>

#include <QTest>

#include <cmath>

using namespace headroom;

class TestPointData : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void preparedBuffersStartWithNaN() {
        PointBuffers buf;
        QString error;
        QVERIFY2(preparePoint(31, 42, 2, &buf, &error), qPrintable(error));
        for (int i = 0; i < 31 * 31; ++i)
            QVERIFY(std::isnan(buf.c[i]));
        PointBuffers again;
        QVERIFY(preparePoint(31, 42, 1, &again, &error));
        for (int i = 0; i < 31 * 31; ++i) // the same seed, the same A whatever the threads
            QCOMPARE(again.a[i], buf.a[i]);
    }

    void verificationCatchesOneWrongEntry_data() {
        QTest::addColumn<int>("n");
        for (int n : {1, 7, 31, 257})
            QTest::addRow("n=%d", n) << n;
    }
    void verificationCatchesOneWrongEntry() {
        QFETCH(int, n);
        PointBuffers buf;
        QString error;
        QVERIFY(preparePoint(n, 7, 1, &buf, &error));
        kernels::GemmArgs args;
        args.n = n;
        args.a = buf.a.get();
        args.b = buf.b.get();
        args.c = buf.c.get();
        args.threads = 1;
        kernels::gemm_optflags(args);
        PointResult good;
        verifyProduct(n, buf.a.get(), buf.b.get(), buf.c.get(), 256, 7, &good);
        QCOMPARE(good.status, PointStatus::Verified);
        QCOMPARE(good.check,
                 n <= 256 ? QStringLiteral("freivalds+full") : QStringLiteral("freivalds"));
        buf.c[static_cast<std::size_t>(n) * n / 2] += 1e-3;
        PointResult bad;
        verifyProduct(n, buf.a.get(), buf.b.get(), buf.c.get(), 256, 7, &bad);
        QCOMPARE(bad.status, PointStatus::Failed);
        QVERIFY(!bad.message.isEmpty());
        fillNaN(buf.c.get(), n, 1); // untouched C (a rung that writes nothing) fails too
        verifyProduct(n, buf.a.get(), buf.b.get(), buf.c.get(), 0, 7, &bad);
        QCOMPARE(bad.status, PointStatus::Failed);
    }

    void timesSummarised() {
        PointResult p;
        p.n = 100;
        fillTimes({0.3, 0.1, 0.2}, &p);
        QCOMPARE(p.seconds, 0.2);
        QCOMPARE(p.secondsMin, 0.1);
        QCOMPARE(p.repetitions, 3);
        QCOMPARE(p.gflops, gflop(100) / 0.2);
        QCOMPARE(gflop(1000), 2.0);
        QCOMPARE(p.status, PointStatus::Pending); // timing is not verification
    }
};

QTEST_GUILESS_MAIN(TestPointData)
#include "tst_pointdata.moc"
