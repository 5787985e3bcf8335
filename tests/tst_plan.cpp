// SPDX-License-Identifier: MIT
// Presets derived from the machine: the standard preset reaches the size where A, B and C
// outgrow the last-level cache; the quick one reaches 1024.
#include "plan.h"

#include <QTest>

using namespace headroom;

namespace {
EffectiveCaches withL3(qint64 bytes) {
    EffectiveCaches c;
    c.l1d = 48 << 10;
    c.l2 = 2 << 20;
    c.l3 = bytes;
    return c;
}
} // namespace

class TestPlan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void standardOutgrowsTheLastLevelCache_data() {
        QTest::addColumn<qint64>("l3");
        QTest::addColumn<int>("largest");
        QTest::newRow("small L3 (4 MiB)") << qint64(4) * (1 << 20) << 1024;
        QTest::newRow("32 MiB L3") << qint64(32) * (1 << 20) << 2048;
        QTest::newRow("105 MiB L3") << qint64(105) * (1 << 20) << 4096;
        QTest::newRow("implausible 480 MiB L3: capped") << qint64(480) * (1 << 20) << 4096;
        QTest::newRow("no L3: the fallback") << qint64(0) << int(Plan::kFallbackLargestN);
    }
    void standardOutgrowsTheLastLevelCache() {
        QFETCH(qint64, l3);
        QFETCH(int, largest);
        const EffectiveCaches caches = withL3(l3);
        QCOMPARE(Plan::largestSizeFor(caches), largest);
        const Plan p = Plan::preset(QStringLiteral("standard"), caches);
        QCOMPARE(p.sizes.first(), 128);
        QCOMPARE(p.sizes.last(), largest);
        for (qsizetype i = 1; i < p.sizes.size(); ++i)
            QCOMPARE(p.sizes[i], 2 * p.sizes[i - 1]);
        // The largest size's three matrices do not fit in the L3 (when there is one).
        if (l3 > 0 && largest < 4096)
            QVERIFY(24.0 * largest * largest > double(l3));
    }

    void quickReachesOneThousand() {
        for (qint64 l3 : {qint64(0), qint64(4) << 20, qint64(32) << 20}) {
            const Plan q = Plan::preset(QStringLiteral("quick"), withL3(l3));
            QCOMPARE(q.sizes.last(), 1024);
            QVERIFY(q.budgetSeconds <= 0.5); // the slow rungs sampled or extrapolated early
        }
    }

    void unknownMachineUsesTheFallback() {
        QCOMPARE(Plan::preset(QStringLiteral("standard")).sizes.last(),
                 int(Plan::kFallbackLargestN));
    }
};

QTEST_GUILESS_MAIN(TestPlan)
#include "tst_plan.moc"
