// SPDX-License-Identifier: MIT
#include "chartdata.h"

#include "results.h"
#include "resultsmodel.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace headroom::ui::chartdata {

void Extent::add(double v) {
    if (!(v > 0))
        return;
    m_lo = std::min(m_lo, v);
    m_hi = std::max(m_hi, v);
}

void Extent::raiseTop(double v) {
    m_hi = std::max(m_hi, v);
}

Range Extent::orDefault(double lo, double hi) const {
    return empty() ? Range{lo, hi} : Range{m_lo, m_hi};
}

double decadeFloor(double v) {
    return std::pow(10.0, std::floor(std::log10(v)));
}

double decadeCeil(double v) {
    return std::pow(10.0, std::ceil(std::log10(v)));
}

Range decadeRange(Range r, double headroom) {
    return {decadeFloor(r.lo), decadeCeil(r.hi * headroom)};
}

bool hasRate(const PointResult& p) {
    return p.hasTime() && p.status != PointStatus::Failed && p.gflops > 0;
}

QString tr(const char* source) {
    return QCoreApplication::translate("headroom::ui::ChartPanel", source);
}

void forEachPoint(const ResultsModel& model, const QStringList& rungs,
                  const std::function<bool(const PointResult&)>& compared,
                  const std::function<void(const PointResult&)>& visit) {
    for (const QString& rung : rungs)
        for (const PointResult& p : model.points(0, rung))
            visit(p);
    for (int d = 1; d < model.datasetCount(); ++d)
        for (const PointResult& p : model.dataset(d).results)
            if (compared(p))
                visit(p);
}

QStringList shownRungs(const ResultsModel& model, int revealed) {
    QStringList rungs = model.rungs(0);
    if (revealed >= 0 && revealed < rungs.size())
        rungs = rungs.mid(0, revealed);
    return rungs;
}

int XYChart::add(Series s) {
    series.append(std::move(s));
    return int(series.size()) - 1;
}

} // namespace headroom::ui::chartdata
