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

} // namespace headroom::ui::chartfmt
