// SPDX-License-Identifier: MIT
#include "bandwidthlevels.h"

#include "format.h"

#include <algorithm>
#include <cmath>

namespace headroom {

qint64 memoryWindowStart(const EffectiveCaches& caches, int threads, qint64 memoryBytes) {
    if (caches.l3 > 0)
        return 4 * caches.l3;
    // No L3 known (none found, or the reported one refused): the private caches do not bound
    // the memory window, since a real L3 or a host's cache may lie beyond them (a VM whose L3 was
    // refused read 28 GB/s at 8-32 MiB and 13 GB/s at 1 GiB). Start past any L3 per socket
    // shipped so far, within an eighth of the memory.
    const qint64 privateLevels = 4 * std::max<qint64>(caches.l2, 0) * std::max(threads, 1);
    qint64 start = kUnknownL3MemoryWindow;
    if (memoryBytes > 0)
        start = std::min(start, memoryBytes / 8);
    return std::max(start, privateLevels);
}

QList<BandwidthCeiling> detectPlateaus(const QList<BandwidthSample>& series,
                                       const EffectiveCaches& caches, int threads,
                                       QStringList* notes, qint64 memoryBytes) {
    // Level windows on the total working set: private L1/L2 scale with the threads, the L3 is
    // shared. A sample counts for a level when it fits in half the level and overflows twice
    // the one below (ERT keeps the same margins), so boundary effects stay out of the ceilings.
    struct Window {
        QString level;
        double lo, hi;
    };
    const double l1 = static_cast<double>(caches.l1d) * threads;
    const double l2 = static_cast<double>(caches.l2) * threads;
    const double l3 = static_cast<double>(caches.l3);
    const double llc = l3 > 0 ? l3 : l2;
    QList<Window> windows;
    if (l1 > 0)
        windows.append({QStringLiteral("L1"), 0, l1 / 2});
    if (l2 > 0)
        windows.append({QStringLiteral("L2"), 2 * l1, l2 / 2});
    if (l3 > 0)
        windows.append({QStringLiteral("L3"), 2 * l2, l3 / 2});
    if (llc > 0)
        windows.append({QStringLiteral("DRAM"),
                        static_cast<double>(memoryWindowStart(caches, threads, memoryBytes)),
                        1e300});

    QList<BandwidthCeiling> out;
    for (const Window& w : std::as_const(windows)) {
        BandwidthCeiling best;
        for (const BandwidthSample& s : series) {
            const double ws = static_cast<double>(s.workingSetBytes);
            if (ws < w.lo || ws > w.hi || s.gbytesPerS <= best.gbytesPerS)
                continue;
            best.level = w.level;
            best.gbytesPerS = s.gbytesPerS;
            best.workingSetBytes = s.workingSetBytes;
            best.threads = threads;
            best.kernel = s.kernel;
        }
        if (!best.level.isEmpty())
            out.append(best);
        else if (notes && !series.isEmpty())
            notes->append(QStringLiteral("bandwidth: no %1 sample for %2 on %3 thread(s)")
                              .arg(w.level, series.first().kernel)
                              .arg(threads));
    }
    // A level that is not faster than the next one has no plateau of its own.
    for (int i = 0; notes && i + 1 < out.size(); ++i) {
        if (out[i].gbytesPerS < 1.1 * out[i + 1].gbytesPerS)
            notes->append(
                QStringLiteral("bandwidth: %1 (%2) is not distinctly above %3 (%4) "
                               "for %5 on %6 thread(s)")
                    .arg(out[i].level)
                    .arg(format::rate(out[i].gbytesPerS, format::Rate::GigabytesPerSecond))
                    .arg(out[i + 1].level)
                    .arg(format::rate(out[i + 1].gbytesPerS, format::Rate::GigabytesPerSecond))
                    .arg(out[i].kernel)
                    .arg(threads));
    }
    return out;
}

void crossCheckCaches(EffectiveCaches* caches, const Limits& limits) {
    QList<BandwidthSample> series;
    for (const BandwidthSample& b : limits.sweep)
        if (b.threads == 1 && b.kernel == QLatin1String("read"))
            series.append(b);
    std::sort(series.begin(), series.end(),
              [](const auto& a, const auto& b) { return a.workingSetBytes < b.workingSetBytes; });
    auto ceiling = [&](const QString& level) -> const BandwidthCeiling* {
        for (const BandwidthCeiling& c : limits.bandwidth)
            if (c.level == level && c.threads == 1 && c.kernel == QLatin1String("read"))
                return &c;
        return nullptr;
    };
    struct Edge {
        QString upper, lower, name;
        qint64 size;
    };
    const Edge edges[] = {
        {QStringLiteral("L1"), QStringLiteral("L2"), QStringLiteral("L1d"), caches->l1d},
        {QStringLiteral("L2"), caches->l3 > 0 ? QStringLiteral("L3") : QStringLiteral("DRAM"),
         QStringLiteral("L2"), caches->l2},
        {QStringLiteral("L3"), QStringLiteral("DRAM"), QStringLiteral("L3"), caches->l3}};
    for (const Edge& e : edges) {
        const BandwidthCeiling* up = ceiling(e.upper);
        const BandwidthCeiling* down = ceiling(e.lower);
        if (!up || !down || e.size <= 0 || up->gbytesPerS < 1.1 * down->gbytesPerS)
            continue; // no distinct plateau: nothing to compare
        // The fall-off: the first sample past the upper plateau below the geometric middle.
        const double threshold = std::sqrt(up->gbytesPerS * down->gbytesPerS);
        qint64 before = 0, after = 0;
        for (const BandwidthSample& b : series) {
            if (b.workingSetBytes <= up->workingSetBytes)
                continue;
            if (b.gbytesPerS < threshold) {
                after = b.workingSetBytes;
                break;
            }
            before = b.workingSetBytes;
        }
        if (after == 0)
            continue;
        const QString where = before > 0 ? QStringLiteral("between %1 and %2")
                                               .arg(format::bytes(before), format::bytes(after))
                                         : QStringLiteral("before %1").arg(format::bytes(after));
        const bool consistent = after >= e.size / 2 && (before == 0 || before <= 2 * e.size);
        const QString note =
            QStringLiteral("measured: 1-thread read bandwidth leaves the %1 plateau %2, %3 %4 = %5")
                .arg(e.upper, where,
                     consistent ? QStringLiteral("consistent with")
                                : QStringLiteral("which does not fit"),
                     e.name, format::bytes(e.size));
        caches->notes.append(note);
        if (!consistent)
            caches->warnings.append(note % QStringLiteral(" (the size in use may be wrong)"));
    }
}

} // namespace headroom
