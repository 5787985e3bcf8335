// SPDX-License-Identifier: MIT
// The kernels' median of a few timings (kernels/median.h), on known vectors.
#include "median.h"

#include <QTest>

#include <vector>

using namespace headroom::kernels;

class TestMedian : public QObject {
    Q_OBJECT

private slots:
    void oddCountIsTheMiddle() {
        std::vector<double> v = {9.0, 1.0, 5.0, 7.0, 3.0};
        QCOMPARE(medianInPlace(v), 5.0);
        double windows[3] = {0.35, 1.0, 0.98}; // one spoiled window of three is not taken
        QCOMPARE(medianInPlace(windows), 0.98);
    }
    void evenCountIsTheUpperMiddle() {
        std::vector<double> v = {4.0, 1.0, 3.0, 2.0};
        QCOMPARE(medianInPlace(v), 3.0); // a measured value, not the average 2.5
    }
    void repeatsAndOne() {
        std::vector<double> v = {2.0, 2.0, 8.0, 2.0};
        QCOMPARE(medianInPlace(v), 2.0);
        std::vector<double> one = {6.5};
        QCOMPARE(medianInPlace(one), 6.5);
    }
    void noneIsZero() {
        std::vector<double> none;
        QCOMPARE(medianInPlace(none), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestMedian)
#include "tst_median.moc"
