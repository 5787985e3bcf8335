// SPDX-License-Identifier: MIT
#include "sessioncheck.h"

#include "session.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <cmath>

namespace headroom {

namespace {

bool isLabelKey(const QString& key) {
    static const QSet<QString> keys{QStringLiteral("title"),    QStringLiteral("host"),
                                    QStringLiteral("hostname"), QStringLiteral("cpu_model"),
                                    QStringLiteral("model"),    QStringLiteral("vendor"),
                                    QStringLiteral("rung"),     QStringLiteral("cpu_uarch")};
    return keys.contains(key);
}

QString checkValue(const QJsonValue& v, const QString& path, const QString& key) {
    if (v.isString()) {
        const qsizetype limit = isLabelKey(key) ? kMaxLabelChars : kMaxStringChars;
        const qsizetype length = v.toString().size();
        if (length > limit)
            return QStringLiteral("%1 is %2 characters long; the limit is %3")
                .arg(path)
                .arg(length)
                .arg(limit);
        return {};
    }
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            if (QString why = checkValue(a[i], QStringLiteral("%1[%2]").arg(path).arg(i), key);
                !why.isEmpty())
                return why;
        return {};
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key().size() > kMaxLabelChars)
                return QStringLiteral("%1 holds a key %2 characters long; the limit is %3")
                    .arg(path)
                    .arg(it.key().size())
                    .arg(kMaxLabelChars);
            const QString sub = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
            if (QString why = checkValue(it.value(), sub, it.key()); !why.isEmpty())
                return why;
        }
    }
    return {};
}

QString pointName(const PointResult& p, qsizetype index) {
    return QStringLiteral("results[%1] (%2, n = %3, %4 thread%5)")
        .arg(index)
        .arg(p.rung)
        .arg(p.n)
        .arg(p.threads)
        .arg(p.threads == 1 ? QString() : QStringLiteral("s"));
}

QString checkPoint(const PointResult& p, qsizetype index, double peak) {
    if (!p.hasTime())
        return {};
    if (!(p.seconds > 0) || !(p.gflops > 0))
        return QStringLiteral("%1: a time of %2 s and %3 GFLOP/s; a point with a time needs both "
                              "above 0")
            .arg(pointName(p, index))
            .arg(p.seconds)
            .arg(p.gflops);
    const double expected = 2.0 * std::pow(double(p.n), 3) / p.seconds / 1e9;
    if (std::abs(p.gflops - expected) > kGflopsTolerance * expected)
        return QStringLiteral("%1: %2 GFLOP/s is not 2n³/seconds = %3 GFLOP/s (off by more than "
                              "%4 %)")
            .arg(pointName(p, index))
            .arg(p.gflops, 0, 'g', 4)
            .arg(expected, 0, 'g', 4)
            .arg(kGflopsTolerance * 100);
    if (p.gflops < kMinGflops)
        return QStringLiteral("%1: %2 GFLOP/s is below %3 GFLOP/s (1000 FLOP/s): not a "
                              "measurement of a matrix multiply")
            .arg(pointName(p, index))
            .arg(p.gflops, 0, 'g', 4)
            .arg(kMinGflops);
    if (peak > 0 && p.gflops > kMaxTimesPeak * peak)
        return QStringLiteral("%1: %2 GFLOP/s is more than %3x the machine's theoretical peak "
                              "(%4 GFLOP/s)")
            .arg(pointName(p, index))
            .arg(p.gflops, 0, 'g', 4)
            .arg(kMaxTimesPeak)
            .arg(peak, 0, 'g', 4);
    return {};
}

} // namespace

QString checkSessionStrings(const QJsonObject& root) {
    const QString why = checkValue(root, QString(), QString());
    return why.isEmpty() ? why : QStringLiteral("session: ") + why;
}

QString checkSessionPoints(const Session& session) {
    if (session.machine.limits) {
        for (const BandwidthCeiling& b : session.machine.limits->bandwidth)
            if (!(b.gbytesPerS > 0))
                return QStringLiteral("session: machine: the %1 bandwidth is %2 GB/s; a ceiling "
                                      "must be above 0")
                    .arg(b.level.left(kMaxLabelChars))
                    .arg(b.gbytesPerS);
    }
    const double peak = session.machine.theoreticalPeakGflops();
    QHash<QString, qsizetype> seen; // "rung n threads" -> first index
    for (qsizetype i = 0; i < session.results.size(); ++i) {
        const PointResult& p = session.results[i];
        if (QString why = checkPoint(p, i, peak); !why.isEmpty())
            return QStringLiteral("session: ") + why;
        const QString key = QStringLiteral("%1 %2 %3").arg(p.rung).arg(p.n).arg(p.threads);
        if (const auto it = seen.constFind(key); it != seen.cend())
            return QStringLiteral("session: %1 repeats results[%2]: one point per rung, n and "
                                  "thread count")
                .arg(pointName(p, i))
                .arg(*it);
        seen.insert(key, i);
    }
    return {};
}

} // namespace headroom
