// SPDX-License-Identifier: MIT
// The matrices every rung is measured on: aligned, deterministic, and never near zero (so that
// no product becomes denormal and slows one rung down).
#include "matrix.h"

#include <QTest>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

using namespace headroom::kernels;

class TestMatrix : public QObject {
    Q_OBJECT

private slots:
    void allocationIsAligned();
    void allocationAtAPageOffset();
    void impossibleAllocationReturnsNull();
    void elementValueStaysAwayFromZero();
    void elementValueIsAPureFunction();
    void portableValuesAreThoseOfThePrograms();
    void portableValuesAreDyadicAndAwayFromZero();
    void fillIsTheSameForAnyThreadCount_data();
    void fillIsTheSameForAnyThreadCount();
};

void TestMatrix::allocationIsAligned() {
    for (std::size_t n : {0, 1, 7, 100, 1000}) {
        MatrixBuffer m = allocateMatrix(n, n);
        QVERIFY(m);
        QCOMPARE(reinterpret_cast<std::uintptr_t>(m.get()) % 64, std::uintptr_t(0));
    }
}

// The runner's placement: A, B and C at distinct offsets past a page boundary, writable to the
// last element (ASan checks the bounds), freed by the buffer's own deleter.
void TestMatrix::allocationAtAPageOffset() {
    for (std::size_t offset :
         {kPageOffsetA, kPageOffsetB, kPageOffsetC, std::size_t(64), std::size_t(4032)}) {
        for (std::size_t n : {1, 7, 257}) {
            PlacedMatrix m = allocatePlacedMatrix(n, n, offset);
            QVERIFY(m);
            QCOMPARE(reinterpret_cast<std::uintptr_t>(m.get()) % 4096, offset);
            std::memset(m.get(), 0, n * n * sizeof(double));
            m[n * n - 1] = 1.0;
        }
    }
    QVERIFY(!allocatePlacedMatrix(8, 8, 100));  // not a multiple of 64
    QVERIFY(!allocatePlacedMatrix(8, 8, 4096)); // not within a page
    // Pairwise far apart modulo 4096, in both directions.
    const std::size_t offsets[] = {kPageOffsetA, kPageOffsetB, kPageOffsetC};
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j)
            if (i != j)
                QVERIFY((offsets[i] - offsets[j] + 4096) % 4096 >= 1024);
}

void TestMatrix::impossibleAllocationReturnsNull() {
    const std::size_t huge = std::numeric_limits<std::size_t>::max() / 4;
    QVERIFY(!allocateMatrix(huge, huge)); // rows * cols * 8 overflows
}

void TestMatrix::elementValueStaysAwayFromZero() {
    std::size_t negative = 0, small = 0, large = 0;
    const std::size_t count = 200000;
    for (std::uint64_t seed : {0ull, 1ull, 42ull, 0xFFFFFFFFFFFFFFFFull}) {
        for (std::uint64_t i = 0; i < count; ++i) {
            const double v = elementValue(seed, i);
            const double a = std::fabs(v);
            QVERIFY2(a >= 1.0 / 16 && a <= 1.0, qPrintable(QString::number(v)));
            negative += v < 0;
            small += a < 0.1;
            large += a > 0.9;
        }
    }
    // Both signs and both ends of the range occur, in about the expected shares.
    const double total = 4.0 * count;
    QVERIFY(std::fabs(negative / total - 0.5) < 0.01);
    QVERIFY(small > 0 && large > 0);
    QVERIFY(std::fabs(large / total - 0.1 / 0.9375) < 0.01);
}

void TestMatrix::elementValueIsAPureFunction() {
    for (std::uint64_t i : {0ull, 1ull, 999999ull}) {
        QCOMPARE(elementValue(7, i), elementValue(7, i));
        QVERIFY(elementValue(7, i) != elementValue(8, i));
    }
    QVERIFY(elementValue(7, 1) != elementValue(7, 2));
}

// The values resources/rungs/matmul.py and Matmul.java compute for the same (offset, index), as
// printed by Python: the interpreted rungs build these very matrices themselves.
void TestMatrix::portableValuesAreThoseOfThePrograms() {
    QCOMPARE(portableValue(42, 0), -0.841796875);
    QCOMPARE(portableValue(42, 1), -0.826171875);
    QCOMPARE(portableValue(0, 12345), 0.7880859375);
    QCOMPARE(portableValue(65520, (std::uint64_t(1) << 40) + 7), 0.783203125);
    QCOMPARE(portableValue(43, 4096ull * 4096 - 1), -0.8623046875);
    QCOMPARE(portableOffset(42), std::uint64_t(42));
    QCOMPARE(portableOffset(65521 + 5), std::uint64_t(5));
    std::vector<double> m(5 * 7);
    fillPortable(m.data(), 5, 7, 65521 + 42, 2);
    QCOMPARE(m[1], portableValue(42, 1));
    QCOMPARE(m[34], portableValue(42, 34));
}

void TestMatrix::portableValuesAreDyadicAndAwayFromZero() {
    for (std::uint64_t i = 0; i < 70000; ++i) {
        const double v = portableValue(7, i);
        QVERIFY(std::fabs(v) >= 1.0 / 16 && std::fabs(v) <= 1.0);
        QCOMPARE(v * 1024, std::round(v * 1024)); // k / 1024: products and sums stay exact
    }
}

void TestMatrix::fillIsTheSameForAnyThreadCount_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::newRow("1x1") << 1 << 1;
    QTest::newRow("3x257") << 3 << 257;
    QTest::newRow("513x31") << 513 << 31;
}

void TestMatrix::fillIsTheSameForAnyThreadCount() {
    QFETCH(int, rows);
    QFETCH(int, cols);
    const std::size_t count = std::size_t(rows) * std::size_t(cols);
    std::vector<double> expected(count);
    for (std::size_t idx = 0; idx < count; ++idx)
        expected[idx] = elementValue(99, idx);
    for (int threads : {1, 2, 3, 8}) {
        std::vector<double> m(count, std::numeric_limits<double>::quiet_NaN());
        fillMatrix(m.data(), std::size_t(rows), std::size_t(cols), 99, threads);
        QVERIFY2(std::memcmp(m.data(), expected.data(), count * sizeof(double)) == 0,
                 qPrintable(QStringLiteral("differs with %1 threads").arg(threads)));
    }
}

QTEST_GUILESS_MAIN(TestMatrix)
#include "tst_matrix.moc"
