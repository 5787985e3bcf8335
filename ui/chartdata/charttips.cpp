// SPDX-License-Identifier: MIT
#include "charttips.h"

#include "chartformat.h"
#include "report.h"
#include "results.h"
#include "theme.h"

#include <format.h>

namespace headroom::ui::chartdata {

using chartfmt::chartLocale;

QString pointTip(const PointResult& p) {
    const QLocale locale = chartLocale();
    QString tip = u"<b>" + rungLabel(p.rung) + u"</b>, n = " + QString::number(p.n) + u"<br>";
    if (p.hasTime()) {
        tip += u"time: " + format::seconds(p.seconds) + u" (" + locale.toString(p.seconds, 'g', 6) +
               u" s)<br>";
        if (p.status != PointStatus::Failed)
            tip += u"GFLOP/s: " + locale.toString(p.gflops, 'f', 3) + u"<br>";
    }
    if (p.sampled())
        tip += formatSampled(p) + u" of the full-size product, timed and scaled by n / rows<br>";
    switch (p.status) {
    case PointStatus::Verified:
        tip += u"verified (" + p.check + u"), " + QString::number(p.repetitions) +
               u" repetitions, CV " + locale.toString(p.cv * 100, 'f', 1) + u" %";
        break;
    case PointStatus::Failed:
        tip += u"<span style='color:#d61f1f'><b>\u2717 verification failed</b></span> " + p.message;
        break;
    case PointStatus::Extrapolated:
        tip += u"<i>extrapolated</i> by n\u00b3 from n = " + QString::number(p.extrapolatedFrom);
        break;
    default:
        tip += statusName(p.status) + u": " + p.message;
        break;
    }
    return tip;
}

double compulsoryIntensity(int n) {
    return 2.0 * n * n * n / (24.0 * n * n);
}

QString intensityTip(const PointResult& p) {
    const QLocale c = chartLocale();
    if (!p.intensity)
        return u"intensity " + c.toString(compulsoryIntensity(p.n), 'f', 2) +
               u" FLOP/byte (compulsory traffic: this session has no per-rung intensity)";
    return u"intensity: L1 " + c.toString(p.intensity->l1, 'f', 2) + u", DRAM " +
           c.toString(p.intensity->dram, 'f', 2) + u" FLOP/byte (" + p.intensity->source + u")";
}

} // namespace headroom::ui::chartdata
