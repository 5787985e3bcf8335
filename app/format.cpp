// SPDX-License-Identifier: MIT
#include "format.h"

#include <QLocale>

#include <cmath>

namespace headroom::format {

namespace {

const QString kNone = QStringLiteral("-");

// English, so that files and slides read the same on every desktop whatever its locale; one per
// thread, because the tables format every visible cell on each repaint.
const QLocale& english() {
    thread_local const QLocale en(QLocale::English);
    return en;
}

// Three significant digits, digit grouping above 1000.
QString threeDigits(double v) {
    const QLocale& en = english();
    const double a = std::abs(v);
    if (a >= 99.95)
        return en.toString(std::round(v), 'f', 0);
    if (a >= 9.995)
        return en.toString(v, 'f', 1);
    if (a >= 0.9995 || a == 0)
        return en.toString(v, 'f', 2);
    // Below one: three significant digits, in plain notation ("0.0123").
    const int decimals = std::min(9, 2 - static_cast<int>(std::floor(std::log10(a))));
    return en.toString(v, 'f', decimals);
}

} // namespace

QString seconds(double s) {
    if (!(s >= 0) || !std::isfinite(s))
        return kNone;
    if (s == 0)
        return QStringLiteral("0 s");
    const QLocale& en = english();
    if (s >= 3600)
        return en.toString(s / 3600, 'f', 1) + QStringLiteral(" h");
    if (s >= 59.95)
        return en.toString(s / 60, 'f', 1) + QStringLiteral(" min");
    if (s >= 0.9995)
        return threeDigits(s) + QStringLiteral(" s");
    if (s >= 0.9995e-3)
        return threeDigits(s * 1e3) + QStringLiteral(" ms");
    if (s >= 0.9995e-6)
        return threeDigits(s * 1e6) + QStringLiteral(" µs");
    return threeDigits(s * 1e9) + QStringLiteral(" ns");
}

QString rate(double value, Rate unit) {
    if (!(value >= 0) || !std::isfinite(value))
        return kNone;
    return threeDigits(value) +
           (unit == Rate::Gflops ? QStringLiteral(" GFLOP/s") : QStringLiteral(" GB/s"));
}

QString number(double value) {
    return std::isfinite(value) ? threeDigits(value) : kNone;
}

QString bytes(qint64 bytes) {
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (std::abs(v) >= 1024 && u < 5) {
        v /= 1024;
        ++u;
    }
    // Whole sizes stay whole ("32 KiB", not "32.0 KiB"); others carry three significant digits.
    const QString number =
        u == 0 || v == std::floor(v) ? english().toString(v, 'f', 0) : threeDigits(v);
    return number + QLatin1Char(' ') + QLatin1String(units[u]);
}

QString ratio(double x) {
    if (!(x > 0) || !std::isfinite(x))
        return kNone;
    // "0.91×" beside "1.05×" in a column of steps; smaller ratios keep three digits.
    const QString number = x >= 0.1 && x < 1 ? english().toString(x, 'f', 2) : threeDigits(x);
    return number + QStringLiteral("×");
}

} // namespace headroom::format
