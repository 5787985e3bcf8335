// SPDX-License-Identifier: MIT
// The checks every result goes through: they accept correct products computed in any summation
// order, reject wrong ones (one bad entry, NaN, Inf, a transposed product), and their bound is
// c * k * u * (|A||B|)_ij, neither looser nor tighter.
#include "matrix.h"
#include "verify.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <utility>
#include <vector>

using namespace headroom::kernels;

namespace {
struct Product {
    int m = 0, n = 0, k = 0;
    std::vector<double> a, b, c;
    double& at(int i, int j) { return c[std::size_t(i) * n + j]; }
};

// C is the correctly rounded reference product.
Product makeProduct(int m, int n, int k) {
    Product p;
    p.m = m;
    p.n = n;
    p.k = k;
    p.a.resize(std::size_t(m) * k);
    p.b.resize(std::size_t(k) * n);
    p.c.resize(std::size_t(m) * n);
    fillMatrix(p.a.data(), std::size_t(m), std::size_t(k), 3, 1);
    fillMatrix(p.b.data(), std::size_t(k), std::size_t(n), 5, 1);
    referenceGemm(std::size_t(m), std::size_t(n), std::size_t(k), p.a.data(), std::size_t(k),
                  p.b.data(), std::size_t(n), p.c.data(), std::size_t(n));
    return p;
}

// The product in plain double, summing k forwards or backwards: two of the orders a rung may use.
void doubleProduct(Product& p, bool backwards) {
    for (int i = 0; i < p.m; ++i)
        for (int j = 0; j < p.n; ++j) {
            double s = 0;
            for (int q = 0; q < p.k; ++q) {
                const int l = backwards ? p.k - 1 - q : q;
                s += p.a[std::size_t(i) * p.k + l] * p.b[std::size_t(l) * p.n + j];
            }
            p.at(i, j) = s;
        }
}

CheckResult compare(const Product& p, double cFactor = 2.0) {
    return compareWithReference(std::size_t(p.m), std::size_t(p.n), std::size_t(p.k), p.a.data(),
                                std::size_t(p.k), p.b.data(), std::size_t(p.n), p.c.data(),
                                std::size_t(p.n), cFactor);
}

CheckResult freivaldsOf(const Product& p) {
    return freivalds(std::size_t(p.n), p.a.data(), p.b.data(), p.c.data());
}

// (|A||B|)_ij, computed here independently of verify.cpp.
long double magnitude(const Product& p, int i, int j) {
    long double s = 0;
    for (int l = 0; l < p.k; ++l)
        s += std::fabs(static_cast<long double>(p.a[std::size_t(i) * p.k + l])) *
             std::fabs(static_cast<long double>(p.b[std::size_t(l) * p.n + j]));
    return s;
}
} // namespace

class TestVerify : public QObject {
    Q_OBJECT

private slots:
    void acceptsCorrectProducts_data();
    void acceptsCorrectProducts();
    void catchesWrongProducts_data();
    void catchesWrongProducts();
    void boundIsCKUTimesAbsProduct_data();
    void boundIsCKUTimesAbsProduct();
};

void TestVerify::acceptsCorrectProducts_data() {
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    QTest::newRow("1x1x1") << 1 << 1 << 1;
    QTest::newRow("5x7x300") << 5 << 7 << 300;
    QTest::newRow("64 square") << 64 << 64 << 64;
    QTest::newRow("101 square") << 101 << 101 << 101;
    QTest::newRow("k = 0") << 3 << 3 << 0;
}

void TestVerify::acceptsCorrectProducts() {
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    Product p = makeProduct(m, n, k);
    QVERIFY2(compare(p).passed, compare(p).message.c_str());
    for (bool backwards : {false, true}) {
        doubleProduct(p, backwards);
        const CheckResult r = compare(p);
        QVERIFY2(r.passed, r.message.c_str());
        QVERIFY(r.message.empty());
        QVERIFY(r.worstRatio <= 1.0);
        if (m == n && n == k) {
            const CheckResult f = freivaldsOf(p);
            QVERIFY2(f.passed, f.message.c_str());
        }
    }
}

void TestVerify::catchesWrongProducts_data() {
    QTest::addColumn<QByteArray>("error");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("col");
    for (const char* error : {"relative 1e-6", "NaN", "Inf"})
        for (auto [i, j] : {std::pair{0, 0}, std::pair{99, 99}, std::pair{50, 33}})
            QTest::addRow("%s at (%d,%d)", error, i, j) << QByteArray(error) << i << j;
    QTest::newRow("transposed product") << QByteArray("transposed") << -1 << -1;
}

void TestVerify::catchesWrongProducts() {
    QFETCH(QByteArray, error);
    QFETCH(int, row);
    QFETCH(int, col);
    const int n = 100;
    Product p = makeProduct(n, n, n);
    doubleProduct(p, false);
    if (error == "transposed") {
        for (int i = 0; i < n; ++i)
            for (int j = i + 1; j < n; ++j)
                std::swap(p.at(i, j), p.at(j, i));
    } else if (error == "NaN") {
        p.at(row, col) = std::numeric_limits<double>::quiet_NaN();
    } else if (error == "Inf") {
        p.at(row, col) = -std::numeric_limits<double>::infinity();
    } else {
        // An entry near zero would make a relative error meaningless; these are not.
        QVERIFY2(std::fabs(p.at(row, col)) > 0.05, "test data: planted entry too small");
        p.at(row, col) *= 1.0 + 1e-6;
    }
    const CheckResult r = compare(p);
    QVERIFY(!r.passed);
    QVERIFY(!r.message.empty());
    QVERIFY(r.worstRatio > 1.0);
    if (row >= 0) {
        QCOMPARE(r.worstRow, std::size_t(row));
        QCOMPARE(r.worstCol, std::size_t(col));
    }
    const CheckResult f = freivaldsOf(p);
    QVERIFY2(!f.passed, "Freivalds missed it");
    QVERIFY(!f.message.empty());
    if (row >= 0)
        QCOMPARE(f.worstRow, std::size_t(row));
}

void TestVerify::boundIsCKUTimesAbsProduct_data() {
    QTest::addColumn<int>("k");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("cFactor");
    QTest::addColumn<bool>("passes");
    // factor: the planted error in units of 2 * k * u * (|A||B|)_ij. The correctly rounded C
    // itself adds at most half an ulp, at most 1/(2k) of that unit, hence the margins.
    QTest::newRow("k=1 inside") << 1 << 0.25 << 2.0 << true;
    QTest::newRow("k=1 outside") << 1 << 2.0 << 2.0 << false;
    QTest::newRow("k=16 inside") << 16 << 0.8 << 2.0 << true;
    QTest::newRow("k=16 outside") << 16 << 1.25 << 2.0 << false;
    QTest::newRow("k=300 inside") << 300 << 0.9 << 2.0 << true;
    QTest::newRow("k=300 outside") << 300 << 1.1 << 2.0 << false;
    QTest::newRow("k=300 c=4 inside") << 300 << 1.5 << 4.0 << true;
    QTest::newRow("k=300 c=4 outside") << 300 << 2.5 << 4.0 << false;
}

void TestVerify::boundIsCKUTimesAbsProduct() {
    QFETCH(int, k);
    QFETCH(double, factor);
    QFETCH(double, cFactor);
    QFETCH(bool, passes);
    Product p = makeProduct(3, 4, k);
    const int i = 2, j = 1;
    const long double unit = 2.0L * k * kUnitRoundoff * magnitude(p, i, j);
    long double exact = 0;
    for (int l = 0; l < k; ++l)
        exact +=
            static_cast<long double>(p.a[std::size_t(i) * k + l]) * p.b[std::size_t(l) * 4 + j];
    p.at(i, j) = static_cast<double>(exact + factor * unit);

    const CheckResult r = compare(p, cFactor);
    QCOMPARE(r.passed, passes);
    const double expected = factor * 2.0 / cFactor;
    if (expected > 1.0 / k) {
        // Beyond what rounding alone gives the other entries: the planted one is the worst.
        QCOMPARE(r.worstRow, std::size_t(i));
        QCOMPARE(r.worstCol, std::size_t(j));
    }
    // worstRatio is the planted error over the bound, up to the rounding of C.
    QVERIFY2(
        std::fabs(r.worstRatio - expected) <= 0.5 / k + 1e-9,
        qPrintable(QStringLiteral("worstRatio %1, expected %2").arg(r.worstRatio).arg(expected)));
}

QTEST_GUILESS_MAIN(TestVerify)
#include "tst_verify.moc"
