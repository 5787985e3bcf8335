// SPDX-License-Identifier: MIT
// The charts' number formatting, in one place: times, speedups and bytes as the charts print them
// (C locale with digit grouping, the notation of the axes beside them).
#pragma once

#include <QLocale>
#include <QString>

namespace headroom::ui::chartfmt {

// Qt Charts' log axes format their ticks printf-style (a point, whatever the desktop), and
// localizing them (Qt 6.4's QChart::setLocalizeNumbers) leaves a log axis without any tick label.
// So the labels use the C locale too, with digit grouping: "0.83", "54,545" on every desktop.
QLocale chartLocale();
QString formatSeconds(double s);              // "1.23 s", "4.5 ms", "12 µs", "1.2 h"
QString formatSpeedup(double x);              // "×4.56", "×45.6", "×456"
QString formatBytes(qint64 b);                // "48 KiB", "2 MiB", "1.3 MiB"
QString formatNumber(double v, int decimals); // "1,234.5"

} // namespace headroom::ui::chartfmt
