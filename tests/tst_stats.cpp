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
    void medianInterval() {
        // Order-statistic 95 % intervals of the median (e.g. Conover, Practical Nonparametric
        // Statistics, table A3): below 6 samples none reaches 95 %, so [min, max]; for 6 to 8
        // the extremes (x1, xn); for 10 samples (x2, x9); for 20 (x6, x15).
        QList<double> five{5, 1, 4, 2, 3};
        Stats s = computeStats(five);
        QCOMPARE(s.medianLow, 1.0);
        QCOMPARE(s.medianHigh, 5.0);
        QList<double> ten;
        for (int i = 10; i >= 1; --i)
            ten << i; // unsorted on purpose
        s = computeStats(ten);
        QCOMPARE(s.medianLow, 2.0);
        QCOMPARE(s.medianHigh, 9.0);
        QList<double> twenty;
        for (int i = 1; i <= 20; ++i)
            twenty << i * 0.5;
        s = computeStats(twenty);
        QCOMPARE(s.medianLow, 3.0);  // x6
        QCOMPARE(s.medianHigh, 7.5); // x15
        // Many samples: the interval narrows around the median (about +-1.96 sqrt(n)/2 ranks).
        QList<double> many;
        for (int i = 1; i <= 400; ++i)
            many << i;
        s = computeStats(many);
        QVERIFY(s.medianLow >= 175 && s.medianLow <= 185);
        QVERIFY(s.medianHigh >= 216 && s.medianHigh <= 226);
        QVERIFY(s.medianLow <= s.median && s.median <= s.medianHigh);
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
