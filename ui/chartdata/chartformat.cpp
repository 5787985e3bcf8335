// SPDX-License-Identifier: MIT
#include "chartformat.h"

namespace headroom::ui::chartfmt {

QLocale chartLocale() {
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions);
    return c;
}

QString formatNumber(double v, int decimals) {
    return chartLocale().toString(v, 'f', decimals);
}

QString formatSeconds(double s) {
    const QLocale locale = chartLocale();
    if (s >= 3600)
        return locale.toString(s / 3600, 'f', 1) + QStringLiteral(" h");
    if (s >= 100)
        return locale.toString(s, 'f', 0) + QStringLiteral(" s");
    if (s >= 1)
        return locale.toString(s, 'f', 2) + QStringLiteral(" s");
    if (s >= 1e-3)
        return locale.toString(s * 1e3, 'f', 1) + QStringLiteral(" ms");
    return locale.toString(s * 1e6, 'f', 0) + QStringLiteral(" \u00b5s");
}

QString formatSpeedup(double x) {
    const QLocale locale = chartLocale();
    if (x >= 100)
        return u'\u00d7' + locale.toString(x, 'f', 0);
    if (x >= 10)
        return u'\u00d7' + locale.toString(x, 'f', 1);
    return u'\u00d7' + locale.toString(x, 'f', 2);
}

QString formatBytes(qint64 b) {
    const QLocale locale = chartLocale();
    if (b >= (qint64(1) << 20))
        return locale.toString(double(b) / (1 << 20), 'f', b % (1 << 20) ? 1 : 0) +
               QStringLiteral(" MiB");
    return locale.toString(double(b) / 1024, 'f', 0) + QStringLiteral(" KiB");
}

} // namespace headroom::ui::chartfmt
