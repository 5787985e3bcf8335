// SPDX-License-Identifier: MIT
#include "stats.h"

#include <QTest>

using namespace headroom;

class TestStats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void empty() {
        const Stats s = computeStats({});
        QCOMPARE(s.count, 0);
        QCOMPARE(s.median, 0.0);
    }
    void single() {
        const Stats s = computeStats({2.5});
        QCOMPARE(s.count, 1);
        QCOMPARE(s.median, 2.5);
        QCOMPARE(s.min, 2.5);
        QCOMPARE(s.stddev, 0.0);
        QCOMPARE(s.cv, 0.0);
    }
    void oddCount() {
        const Stats s = computeStats({5, 1, 3});
        QCOMPARE(s.median, 3.0);
        QCOMPARE(s.min, 1.0);
        QCOMPARE(s.max, 5.0);
        QCOMPARE(s.mean, 3.0);
        QCOMPARE(s.stddev, 2.0); // sample stddev of 1,3,5
        QCOMPARE(s.cv, 2.0 / 3.0);
    }
    void evenCount() {
        const Stats s = computeStats({4, 1, 2, 3});
        QCOMPARE(s.median, 2.5);
        QVERIFY(qAbs(s.stddev - 1.2909944487358056) < 1e-12);
    }
    void knownVector() {
        // 2,4,4,4,5,5,7,9: mean 5, sample variance 32/7.
        const Stats s = computeStats({2, 4, 4, 4, 5, 5, 7, 9});
        QCOMPARE(s.mean, 5.0);
        QCOMPARE(s.median, 4.5);
        QVERIFY(qAbs(s.stddev - std::sqrt(32.0 / 7.0)) < 1e-12);
        QVERIFY(qAbs(s.cv - std::sqrt(32.0 / 7.0) / 5.0) < 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
