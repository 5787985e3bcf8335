// SPDX-License-Identifier: MIT
// The charts' locale: times, ratios and bytes come from app/format.h like everywhere else; the
// plain numbers beside the axes use the axes' notation.
#pragma once

#include <QLocale>
#include <QString>

namespace headroom::ui::chartfmt {

// Qt Charts' log axes format their ticks printf-style (a point, whatever the desktop), and
// localizing them (Qt 6.4's QChart::setLocalizeNumbers) leaves a log axis without any tick label.
// So the labels use the C locale too, with digit grouping: "0.83", "54,545" on every desktop.
QLocale chartLocale();
QString formatNumber(double v, int decimals); // "1,234.5"

} // namespace headroom::ui::chartfmt
