// SPDX-License-Identifier: MIT
// The one formatting home: each quantity printed one way, at the edges of its unit ranges.
#include "format.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace headroom;

class TestFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void seconds_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << 0.0 << QStringLiteral("0 s");
        QTest::newRow("ns") << 4.2e-8 << QStringLiteral("42.0 ns");
        QTest::newRow("µs") << 812e-6 << QStringLiteral("812 µs");
        QTest::newRow("µs, three digits") << 8.123e-6 << QStringLiteral("8.12 µs");
        QTest::newRow("rounds up into ms") << 0.99999e-3 << QStringLiteral("1.00 ms");
        QTest::newRow("ms") << 0.01234 << QStringLiteral("12.3 ms");
        QTest::newRow("s") << 1.234 << QStringLiteral("1.23 s");
        QTest::newRow("tens of s") << 42.42 << QStringLiteral("42.4 s");
        QTest::newRow("minutes") << 126.0 << QStringLiteral("2.1 min");
        QTest::newRow("hours") << 25552.48 << QStringLiteral("7.1 h");
        QTest::newRow("negative") << -1.0 << QStringLiteral("-");
        QTest::newRow("nan") << std::nan("") << QStringLiteral("-");
        QTest::newRow("inf") << std::numeric_limits<double>::infinity() << QStringLiteral("-");
    }
    void seconds() {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(format::seconds(value), text);
    }

    void rate_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("unit");
        QTest::addColumn<QString>("text");
        const int gf = int(format::Rate::Gflops), gb = int(format::Rate::GigabytesPerSecond);
        QTest::newRow("small") << 0.01234 << gf << QStringLiteral("0.0123 GFLOP/s");
        QTest::newRow("one") << 1.0 << gf << QStringLiteral("1.00 GFLOP/s");
        QTest::newRow("tens") << 87.06 << gf << QStringLiteral("87.1 GFLOP/s");
        QTest::newRow("grouped") << 1234.4 << gf << QStringLiteral("1,234 GFLOP/s");
        QTest::newRow("bandwidth") << 12.34 << gb << QStringLiteral("12.3 GB/s");
        QTest::newRow("negative") << -3.0 << gb << QStringLiteral("-");
    }
    void rate() {
        QFETCH(double, value);
        QFETCH(int, unit);
        QFETCH(QString, text);
        QCOMPARE(format::rate(value, static_cast<format::Rate>(unit)), text);
    }

    void number_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("clock") << 3.4 << QStringLiteral("3.40");
        QTest::newRow("ridge") << 3.0 << QStringLiteral("3.00");
        QTest::newRow("below one") << 0.456 << QStringLiteral("0.456");
        QTest::newRow("tens") << 12.34 << QStringLiteral("12.3");
        QTest::newRow("grouped") << 1234.4 << QStringLiteral("1,234");
        QTest::newRow("nan") << std::nan("") << QStringLiteral("-");
    }
    void number() {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(format::number(value), text);
    }

    void bytes_data() {
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("bytes") << qint64(512) << QStringLiteral("512 B");
        QTest::newRow("KiB whole") << qint64(48 * 1024) << QStringLiteral("48 KiB");
        QTest::newRow("MiB part") << qint64(1.25 * 1024 * 1024) << QStringLiteral("1.25 MiB");
        QTest::newRow("GiB") << qint64(3.5 * 1024 * 1024 * 1024) << QStringLiteral("3.50 GiB");
        QTest::newRow("L3 of 480 MiB") << qint64(480) * 1024 * 1024 << QStringLiteral("480 MiB");
    }
    void bytes() {
        QFETCH(qint64, value);
        QFETCH(QString, text);
        QCOMPARE(format::bytes(value), text);
    }

    void ratio_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("one") << 1.0 << QStringLiteral("1.00×");
        QTest::newRow("below one") << 0.5 << QStringLiteral("0.50×");
        QTest::newRow("far below one") << 0.0123 << QStringLiteral("0.0123×");
        QTest::newRow("small") << 4.5612 << QStringLiteral("4.56×");
        QTest::newRow("tens") << 12.34 << QStringLiteral("12.3×");
        QTest::newRow("grouped") << 23224.4 << QStringLiteral("23,224×");
        QTest::newRow("zero: none") << 0.0 << QStringLiteral("-");
        QTest::newRow("inf: none")
            << std::numeric_limits<double>::infinity() << QStringLiteral("-");
    }
    void ratio() {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(format::ratio(value), text);
    }
};

QTEST_GUILESS_MAIN(TestFormat)
#include "tst_format.moc"
