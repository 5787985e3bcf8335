// SPDX-License-Identifier: MIT
#include "compareratio.h"

#include "ladderinfo.h"

#include <QSet>

#include <algorithm>

namespace headroom {

namespace {

// Sizes at which both datasets have a point for `rung` passing `ok`, ascending.
template <typename Pred>
QList<int> commonSizes(const Session& a, const Session& b, const QString& rung, Pred ok) {
    QList<int> sizes;
    for (const PointResult& r : a.results) {
        if (r.rung != rung || !ok(r))
            continue;
        const PointResult* other = b.find(rung, r.n);
        if (other && ok(*other) && !sizes.contains(r.n))
            sizes << r.n;
    }
    std::sort(sizes.begin(), sizes.end());
    return sizes;
}

bool usable(const PointResult& r) {
    return r.hasTime() && r.status != PointStatus::Failed && r.gflops > 0;
}

RungRatio ratioAt(const Session& a, const Session& b, const QString& rung, int n) {
    const PointResult* pa = a.find(rung, n);
    const PointResult* pb = b.find(rung, n);
    RungRatio row;
    row.rung = rung;
    row.n = n;
    row.gflopsA = pa->gflops;
    row.gflopsB = pb->gflops;
    row.ratio = pa->gflops > 0 ? pb->gflops / pa->gflops : 0;
    row.extrapolated = pa->extrapolated() || pb->extrapolated();
    return row;
}

QStringList rungsInOrder(const Session& a, const Session& b) {
    QSet<QString> inB;
    for (const PointResult& r : b.results)
        inB.insert(r.rung);
    QStringList rungs;
    for (const PointResult& r : a.results) {
        if (inB.contains(r.rung) && !rungs.contains(r.rung))
            rungs << r.rung;
    }
    std::stable_sort(rungs.begin(), rungs.end(), [](const QString& x, const QString& y) {
        return ladderIndex(x) < ladderIndex(y);
    });
    return rungs;
}

} // namespace

QList<RungRatio> rungRatios(const Session& a, const Session& b) {
    QList<RungRatio> rows;
    for (const QString& rung : rungsInOrder(a, b)) {
        QList<int> sizes = commonSizes(
            a, b, rung, [](const PointResult& r) { return r.verified() && r.gflops > 0; });
        if (sizes.isEmpty())
            sizes = commonSizes(a, b, rung, usable);
        if (!sizes.isEmpty())
            rows << ratioAt(a, b, rung, sizes.last());
    }
    return rows;
}

QList<RungRatio> rungRatiosAllSizes(const Session& a, const Session& b, const QString& rung) {
    QList<RungRatio> rows;
    for (const int n : commonSizes(a, b, rung, usable))
        rows << ratioAt(a, b, rung, n);
    return rows;
}

} // namespace headroom
